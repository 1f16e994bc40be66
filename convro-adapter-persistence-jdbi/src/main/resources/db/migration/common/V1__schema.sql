-- Convro schema, one text for MySQL 8 / MariaDB 10.11 and H2 (MODE=MySQL).
-- Where the dialects differ only in column options, Flyway placeholders fill the gap (see Database):
--   ${ascii}          ids and hex strings: case-sensitive ASCII, so the lowercase CHECKs really check
--   ${text_bin}       client-chosen text compared exactly (clientMessageId)
--   ${blob}           the ciphertext column (64 KiB does not fit a MySQL BLOB)
--   ${table_options}  InnoDB + utf8mb4 on MySQL/MariaDB
-- Times are BIGINT epoch milliseconds UTC: no JDBC or session time zone can shift them.
-- No column holds a plaintext message, a password or a refresh secret.

CREATE TABLE users (
    id                 BIGINT       NOT NULL AUTO_INCREMENT,
    convro_number      VARCHAR(9)   ${ascii} NOT NULL,
    username           VARCHAR(64)  ${ascii} NULL,
    username_canonical VARCHAR(64)  ${ascii} NULL,
    full_name          VARCHAR(256) NULL,
    password_hash      VARCHAR(512) NOT NULL,
    created_at         BIGINT       NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT uq_users_convro_number UNIQUE (convro_number),
    CONSTRAINT uq_users_username UNIQUE (username_canonical),
    CONSTRAINT ck_users_convro_number CHECK (convro_number REGEXP '^[+]99[0-9]{6}$' AND CHAR_LENGTH(convro_number) = 9),
    CONSTRAINT ck_users_username CHECK ((username IS NULL AND username_canonical IS NULL)
        OR (username REGEXP '^[a-zA-Z0-9_.]{3,64}$' AND username_canonical = LOWER(username)))
) ${table_options};

CREATE TABLE devices (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    device_id        CHAR(16)     ${ascii} NOT NULL,
    user_id          BIGINT       NOT NULL,
    platform         VARCHAR(16)  ${ascii} NOT NULL,
    label            VARCHAR(256) NULL,
    created_at       BIGINT       NOT NULL,
    last_seen_at     BIGINT       NULL,
    active           BOOLEAN      NOT NULL,
    token_generation BIGINT       NOT NULL,
    CONSTRAINT pk_devices PRIMARY KEY (id),
    CONSTRAINT uq_devices_device_id UNIQUE (device_id),
    CONSTRAINT fk_devices_user FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT ck_devices_device_id CHECK (device_id REGEXP '^[0-9a-f]{16}$'),
    CONSTRAINT ck_devices_platform CHECK (platform IN ('ios', 'android', 'desktop', 'web', 'unknown')),
    CONSTRAINT ck_devices_token_generation CHECK (token_generation >= 0)
) ${table_options};
-- listByUser, countActive, firstActiveDeviceWithPrekeys
CREATE INDEX ix_devices_user ON devices (user_id, active, created_at, id);

CREATE TABLE refresh_tokens (
    jti        VARCHAR(64) ${ascii} NOT NULL,
    user_id    BIGINT      NOT NULL,
    device_id  CHAR(16)    ${ascii} NOT NULL,
    token_hash CHAR(64)    ${ascii} NOT NULL,
    created_at BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL,
    revoked_at BIGINT      NULL,
    CONSTRAINT pk_refresh_tokens PRIMARY KEY (jti),
    CONSTRAINT fk_refresh_tokens_user FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT fk_refresh_tokens_device FOREIGN KEY (device_id) REFERENCES devices (device_id),
    CONSTRAINT ck_refresh_tokens_jti CHECK (jti REGEXP '^[0-9a-f]{8,64}$'),
    -- the SHA-256 of the secret, hex: never the secret itself
    CONSTRAINT ck_refresh_tokens_hash CHECK (token_hash REGEXP '^[0-9a-f]{64}$')
) ${table_options};
CREATE INDEX ix_refresh_tokens_device ON refresh_tokens (device_id, revoked_at);
CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (user_id, revoked_at);

CREATE TABLE identity_keys (
    device_id   CHAR(16)      ${ascii} NOT NULL,
    public_key  VARBINARY(32) NOT NULL,
    fingerprint VARCHAR(256)  NULL,
    updated_at  BIGINT        NOT NULL,
    CONSTRAINT pk_identity_keys PRIMARY KEY (device_id),
    CONSTRAINT fk_identity_keys_device FOREIGN KEY (device_id) REFERENCES devices (device_id),
    CONSTRAINT ck_identity_keys_key CHECK (OCTET_LENGTH(public_key) = 32)
) ${table_options};

CREATE TABLE signed_prekeys (
    device_id  CHAR(16)      ${ascii} NOT NULL,
    key_id     CHAR(16)      ${ascii} NOT NULL,
    public_key VARBINARY(32) NOT NULL,
    signature  VARBINARY(64) NOT NULL,
    updated_at BIGINT        NOT NULL,
    CONSTRAINT pk_signed_prekeys PRIMARY KEY (device_id),
    CONSTRAINT fk_signed_prekeys_device FOREIGN KEY (device_id) REFERENCES devices (device_id),
    CONSTRAINT ck_signed_prekeys_key_id CHECK (key_id REGEXP '^[0-9a-f]{16}$'),
    CONSTRAINT ck_signed_prekeys_key CHECK (OCTET_LENGTH(public_key) = 32),
    CONSTRAINT ck_signed_prekeys_signature CHECK (OCTET_LENGTH(signature) = 64)
) ${table_options};

CREATE TABLE one_time_prekeys (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    device_id   CHAR(16)      ${ascii} NOT NULL,
    key_id      CHAR(16)      ${ascii} NOT NULL,
    public_key  VARBINARY(32) NOT NULL,
    created_at  BIGINT        NOT NULL,
    consumed_at BIGINT        NULL,
    CONSTRAINT pk_one_time_prekeys PRIMARY KEY (id),
    CONSTRAINT uq_one_time_prekeys_key_id UNIQUE (device_id, key_id),
    CONSTRAINT fk_one_time_prekeys_device FOREIGN KEY (device_id) REFERENCES devices (device_id),
    CONSTRAINT ck_one_time_prekeys_key_id CHECK (key_id REGEXP '^[0-9a-f]{16}$'),
    CONSTRAINT ck_one_time_prekeys_key CHECK (OCTET_LENGTH(public_key) = 32)
) ${table_options};
-- consumeOne (oldest unconsumed first) and countAvailable
CREATE INDEX ix_one_time_prekeys_available ON one_time_prekeys (device_id, consumed_at, id);

CREATE TABLE dm_sessions (
    id                  BIGINT     NOT NULL AUTO_INCREMENT,
    session_id          CHAR(8)    ${ascii} NOT NULL,
    initiator_user_id   BIGINT     NOT NULL,
    initiator_device_id CHAR(16)   ${ascii} NOT NULL,
    responder_user_id   BIGINT     NOT NULL,
    responder_device_id CHAR(16)   ${ascii} NOT NULL,
    handshake_offer     TEXT       NOT NULL,
    state               VARCHAR(8) ${ascii} NOT NULL,
    created_at          BIGINT     NOT NULL,
    accepted_at         BIGINT     NULL,
    CONSTRAINT pk_dm_sessions PRIMARY KEY (id),
    CONSTRAINT uq_dm_sessions_session_id UNIQUE (session_id),
    CONSTRAINT fk_dm_sessions_initiator_user FOREIGN KEY (initiator_user_id) REFERENCES users (id),
    CONSTRAINT fk_dm_sessions_responder_user FOREIGN KEY (responder_user_id) REFERENCES users (id),
    CONSTRAINT fk_dm_sessions_initiator_device FOREIGN KEY (initiator_device_id) REFERENCES devices (device_id),
    CONSTRAINT fk_dm_sessions_responder_device FOREIGN KEY (responder_device_id) REFERENCES devices (device_id),
    CONSTRAINT ck_dm_sessions_session_id CHECK (session_id REGEXP '^[0-9a-f]{8}$'),
    CONSTRAINT ck_dm_sessions_two_devices CHECK (initiator_device_id <> responder_device_id),
    CONSTRAINT ck_dm_sessions_state CHECK (state IN ('PENDING', 'ACTIVE', 'CLOSED'))
) ${table_options};
-- listPendingFor
CREATE INDEX ix_dm_sessions_responder ON dm_sessions (responder_device_id, state, created_at, id);
CREATE INDEX ix_dm_sessions_initiator ON dm_sessions (initiator_device_id);

-- The two devices of each session, so that messages and receipts can point at them with foreign keys:
-- the DB itself then refuses a message whose sender or recipient is not a device of its session.
CREATE TABLE dm_session_members (
    session_db_id BIGINT   NOT NULL,
    device_id     CHAR(16) ${ascii} NOT NULL,
    role          CHAR(1)  ${ascii} NOT NULL,
    CONSTRAINT pk_dm_session_members PRIMARY KEY (session_db_id, device_id),
    CONSTRAINT uq_dm_session_members_role UNIQUE (session_db_id, role),
    CONSTRAINT fk_dm_session_members_session FOREIGN KEY (session_db_id) REFERENCES dm_sessions (id),
    CONSTRAINT fk_dm_session_members_device FOREIGN KEY (device_id) REFERENCES devices (device_id),
    CONSTRAINT ck_dm_session_members_role CHECK (role IN ('I', 'R'))
) ${table_options};
-- listOf, closeAllOf
CREATE INDEX ix_dm_session_members_device ON dm_session_members (device_id, session_db_id);

CREATE TABLE dm_messages (
    id                  BIGINT        NOT NULL AUTO_INCREMENT,
    session_db_id       BIGINT        NOT NULL,
    sender_user_id      BIGINT        NOT NULL,
    sender_device_id    CHAR(16)      ${ascii} NOT NULL,
    recipient_device_id CHAR(16)      ${ascii} NOT NULL,
    ciphertext          ${blob}       NOT NULL,
    auth_tag            VARBINARY(16) NOT NULL,
    client_message_id   VARCHAR(64)   ${text_bin} NULL,
    client_timestamp    BIGINT        NULL,
    server_timestamp    BIGINT        NOT NULL,
    delivery_state      VARCHAR(9)    ${ascii} NOT NULL,
    delivered_at        BIGINT        NULL,
    read_at             BIGINT        NULL,
    CONSTRAINT pk_dm_messages PRIMARY KEY (id),
    -- the target of message_receipts' foreign key: a receipt's device IS the message's recipient
    CONSTRAINT uq_dm_messages_recipient UNIQUE (id, recipient_device_id),
    CONSTRAINT uq_dm_messages_client_message_id UNIQUE (sender_device_id, client_message_id),
    CONSTRAINT fk_dm_messages_sender_user FOREIGN KEY (sender_user_id) REFERENCES users (id),
    CONSTRAINT fk_dm_messages_sender FOREIGN KEY (session_db_id, sender_device_id)
        REFERENCES dm_session_members (session_db_id, device_id),
    CONSTRAINT fk_dm_messages_recipient FOREIGN KEY (session_db_id, recipient_device_id)
        REFERENCES dm_session_members (session_db_id, device_id),
    CONSTRAINT ck_dm_messages_two_devices CHECK (sender_device_id <> recipient_device_id),
    CONSTRAINT ck_dm_messages_ciphertext CHECK (OCTET_LENGTH(ciphertext) BETWEEN 1 AND 65536),
    CONSTRAINT ck_dm_messages_auth_tag CHECK (OCTET_LENGTH(auth_tag) = 16),
    CONSTRAINT ck_dm_messages_state CHECK (delivery_state IN ('PENDING', 'DELIVERED', 'READ'))
) ${table_options};
-- history (keyset both ways) and lastMessages (MAX(id) per session)
CREATE INDEX ix_dm_messages_session ON dm_messages (session_db_id, id);
-- unreadCounts
CREATE INDEX ix_dm_messages_unread ON dm_messages (recipient_device_id, session_db_id, delivery_state);

CREATE TABLE message_receipts (
    id         BIGINT     NOT NULL AUTO_INCREMENT,
    message_id BIGINT     NOT NULL,
    device_id  CHAR(16)   ${ascii} NOT NULL,
    status     VARCHAR(9) ${ascii} NOT NULL,
    updated_at BIGINT     NOT NULL,
    CONSTRAINT pk_message_receipts PRIMARY KEY (id),
    CONSTRAINT uq_message_receipts UNIQUE (message_id, device_id),
    CONSTRAINT fk_message_receipts_recipient FOREIGN KEY (message_id, device_id)
        REFERENCES dm_messages (id, recipient_device_id),
    CONSTRAINT ck_message_receipts_status CHECK (status IN ('DELIVERED', 'READ'))
) ${table_options};

-- The convro-number allocator's state: one row, a counter and the secret key of its permutation.
CREATE TABLE number_sequence (
    id              INT           NOT NULL,
    next_value      BIGINT        NOT NULL,
    permutation_key VARBINARY(32) NOT NULL,
    CONSTRAINT pk_number_sequence PRIMARY KEY (id),
    CONSTRAINT ck_number_sequence_single_row CHECK (id = 1),
    CONSTRAINT ck_number_sequence_next_value CHECK (next_value >= 0),
    CONSTRAINT ck_number_sequence_key CHECK (OCTET_LENGTH(permutation_key) = 32)
) ${table_options};
