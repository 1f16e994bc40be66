-- Groups and channels (API.md §10), the sender-key way: one ciphertext per group message, stored once whatever the
-- member count. Numbered 10 so that migrations added to 2..9 on other branches meanwhile do not collide with it.
-- `groups` is quoted: GROUPS is a reserved word of MySQL 8 (window frames); H2 and MariaDB accept the quotes too.
-- No column holds a title, a key or a message in clear: encrypted_title and ciphertext are opaque to the server.

CREATE TABLE `groups` (
    id              BIGINT          NOT NULL AUTO_INCREMENT,
    group_id        CHAR(16)        ${ascii} NOT NULL,
    kind            VARCHAR(7)      ${ascii} NOT NULL,
    encrypted_title VARBINARY(1024) NULL,
    created_at      BIGINT          NOT NULL,
    CONSTRAINT pk_groups PRIMARY KEY (id),
    CONSTRAINT uq_groups_group_id UNIQUE (group_id),
    CONSTRAINT ck_groups_group_id CHECK (group_id REGEXP '^[0-9a-f]{16}$'),
    CONSTRAINT ck_groups_kind CHECK (kind IN ('GROUP', 'CHANNEL')),
    CONSTRAINT ck_groups_title CHECK (encrypted_title IS NULL OR OCTET_LENGTH(encrypted_title) BETWEEN 1 AND 1024)
) ${table_options};

-- One row per (group, user); id keeps the order members joined in. read_up_to is the member's read pointer (a
-- group_messages id, not a foreign key: a pointer may outlive nothing but is never dereferenced).
CREATE TABLE group_members (
    id         BIGINT     NOT NULL AUTO_INCREMENT,
    group_id   CHAR(16)   ${ascii} NOT NULL,
    user_id    BIGINT     NOT NULL,
    role       VARCHAR(6) ${ascii} NOT NULL,
    joined_at  BIGINT     NOT NULL,
    read_up_to BIGINT     NULL,
    CONSTRAINT pk_group_members PRIMARY KEY (id),
    CONSTRAINT uq_group_members UNIQUE (group_id, user_id),
    CONSTRAINT fk_group_members_group FOREIGN KEY (group_id) REFERENCES `groups` (group_id),
    CONSTRAINT fk_group_members_user FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT ck_group_members_role CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER'))
) ${table_options};
-- groupIdsOf and the group list: a user's memberships
CREATE INDEX ix_group_members_user ON group_members (user_id, group_id);

CREATE TABLE group_messages (
    id                BIGINT        NOT NULL AUTO_INCREMENT,
    group_id          CHAR(16)      ${ascii} NOT NULL,
    sender_user_id    BIGINT        NOT NULL,
    sender_device_id  CHAR(16)      ${ascii} NOT NULL,
    sender_key_id     CHAR(16)      ${ascii} NOT NULL,
    ciphertext        ${blob}       NOT NULL,
    auth_tag          VARBINARY(16) NOT NULL,
    client_message_id VARCHAR(64)   ${text_bin} NULL,
    client_timestamp  BIGINT        NULL,
    server_timestamp  BIGINT        NOT NULL,
    CONSTRAINT pk_group_messages PRIMARY KEY (id),
    CONSTRAINT uq_group_messages_client_message_id UNIQUE (group_id, sender_device_id, client_message_id),
    CONSTRAINT fk_group_messages_group FOREIGN KEY (group_id) REFERENCES `groups` (group_id),
    CONSTRAINT fk_group_messages_sender_user FOREIGN KEY (sender_user_id) REFERENCES users (id),
    CONSTRAINT fk_group_messages_sender_device FOREIGN KEY (sender_device_id) REFERENCES devices (device_id),
    CONSTRAINT ck_group_messages_sender_key_id CHECK (sender_key_id REGEXP '^[0-9a-f]{16}$'),
    CONSTRAINT ck_group_messages_ciphertext CHECK (OCTET_LENGTH(ciphertext) BETWEEN 1 AND 65536),
    CONSTRAINT ck_group_messages_auth_tag CHECK (OCTET_LENGTH(auth_tag) = 16)
) ${table_options};
-- history (keyset both ways), the newest visible message and unread counts
CREATE INDEX ix_group_messages_group ON group_messages (group_id, id);
