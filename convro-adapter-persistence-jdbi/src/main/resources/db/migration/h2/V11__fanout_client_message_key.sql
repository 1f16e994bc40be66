-- A fan-out (API.md §9) stores one copy per recipient device under one clientMessageId, and /send shares that key
-- space (§8): the idempotency key becomes (sender device, clientMessageId, recipient device). Same constraint name,
-- so the repositories map a violation to DuplicateClientMessageIdException as before. Numbered 11: other branches
-- may add 3..9 meanwhile.
ALTER TABLE dm_messages DROP CONSTRAINT uq_dm_messages_client_message_id;
ALTER TABLE dm_messages ADD CONSTRAINT uq_dm_messages_client_message_id
    UNIQUE (sender_device_id, client_message_id, recipient_device_id);
