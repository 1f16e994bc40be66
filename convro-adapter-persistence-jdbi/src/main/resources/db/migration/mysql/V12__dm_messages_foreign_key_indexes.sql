-- Two fewer B-trees for every stored message, the same guarantees the contract asks for (API.md §8).
-- InnoDB gives each foreign key an index on its columns unless an index begins with them, and dm_messages had three
-- of these beside the indexes its queries use. The recipient's key now names its columns in the order of
-- ix_dm_messages_unread (recipient, session), which serves it, and references dm_session_members through
-- ix_dm_session_members_device (device, session): still "the recipient is a device of the message's session".
-- The key to users is dropped: the contract does not ask for it, and the sender's key to the session's devices
-- already ties every message to a registered device. Measured in docs/benchmarks.md ("The schema's share of a
-- commit").
-- The new key is the old one's relation with its columns in another order, so the rows already stored satisfy it:
-- it is added without checking them (foreign_key_checks = 0), which lets InnoDB add it in place instead of copying
-- a table that may hold millions of messages while the server waits to start.
ALTER TABLE dm_messages
    DROP FOREIGN KEY fk_dm_messages_sender_user,
    DROP FOREIGN KEY fk_dm_messages_recipient;
ALTER TABLE dm_messages
    DROP INDEX fk_dm_messages_sender_user,
    DROP INDEX fk_dm_messages_recipient;
SET foreign_key_checks = 0;
ALTER TABLE dm_messages
    ADD CONSTRAINT fk_dm_messages_recipient FOREIGN KEY (recipient_device_id, session_db_id)
        REFERENCES dm_session_members (device_id, session_db_id);
SET foreign_key_checks = 1;
