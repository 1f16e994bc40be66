-- As db/migration/mysql/V12: the recipient's foreign key over (recipient, session), and no foreign key to users (not
-- one the contract asks for). H2 reuses an index for a foreign key only if it has exactly the key's columns, so here
-- the recipient's key keeps an index of its own; the users key's index is the one saved.
ALTER TABLE dm_messages DROP CONSTRAINT fk_dm_messages_sender_user;
ALTER TABLE dm_messages DROP CONSTRAINT fk_dm_messages_recipient;
ALTER TABLE dm_messages ADD CONSTRAINT fk_dm_messages_recipient FOREIGN KEY (recipient_device_id, session_db_id)
    REFERENCES dm_session_members (device_id, session_db_id);
