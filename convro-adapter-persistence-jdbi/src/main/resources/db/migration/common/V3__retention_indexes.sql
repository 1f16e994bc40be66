-- Retention (CONVRO_MESSAGE_RETENTION and the clean-up of tokens and prekeys) deletes in small batches, oldest first.
-- Messages are taken by primary key (oldest ids first) and need no index of their own; these two let the batches of
-- expired refresh tokens and handed-out one-time prekeys be found without reading either table whole.
CREATE INDEX ix_refresh_tokens_expires ON refresh_tokens (expires_at);
CREATE INDEX ix_one_time_prekeys_consumed ON one_time_prekeys (consumed_at);
