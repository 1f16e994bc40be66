package io.convro.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The database itself, reached by raw SQL that bypasses the application, refuses what the schema
 * forbids: the rules hold even for a buggy adapter or a hand-written fix-up script. Run on H2
 * ({@code H2ConstraintsTest}) and MySQL/MariaDB ({@code MariaDbConstraintsIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseConstraints {
    private Database database;
    private SeededSession seeded;

    /** A freshly migrated, empty database. */
    abstract Database openDatabase();

    abstract void closeDatabase();

    @BeforeAll
    void createDatabase() {
        database = openDatabase();
        seeded = SeededSession.create(database.repositories(), 1);
    }

    @AfterAll
    void dropDatabase() {
        if (database != null) {
            closeDatabase();
        }
    }

    @Test
    void aMalformedConvroNumberIsRejected() throws SQLException {
        for (String bad : new String[] {"+9812345", "+9912345a", "+99 12345", "99123456", "+99１２３４５６"}) {
            assertThatThrownBy(() -> execute("INSERT INTO users (convro_number, password_hash, created_at) VALUES (?, 'x', 0)", bad))
                    .as(bad).isInstanceOf(SQLException.class);
        }
        assertThat(execute("INSERT INTO users (convro_number, password_hash, created_at) VALUES (?, 'x', 0)", "+99999999"))
                .as("a well-formed number passes, so the rejections above are the CHECK's").isEqualTo(1);
    }

    @Test
    void hexIdsMustBeLowercaseAndOfTheirExactLength() {
        long user = seeded.initiatorUser().id().value();
        for (String bad : new String[] {"ABCDEF0123456789", "abcdef012345678", "abcdef012345678g"}) {
            assertThatThrownBy(() -> execute("INSERT INTO devices (device_id, user_id, platform, created_at, active, "
                    + "token_generation) VALUES (?, " + user + ", 'ios', 0, TRUE, 0)", bad)).as(bad).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void anAuthTagMustBeExactly16Bytes() throws SQLException {
        assertThatThrownBy(() -> insertMessage(seeded.initiator().value(), seeded.responder().value(), new byte[17]))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> insertMessage(seeded.initiator().value(), seeded.responder().value(), new byte[15]))
                .isInstanceOf(SQLException.class);
        assertThat(insertMessage(seeded.initiator().value(), seeded.responder().value(), new byte[16])).isEqualTo(1);
    }

    @Test
    void aMessageBetweenDevicesThatAreNotTheSessionsIsRejected() {
        SeededSession other = SeededSession.create(database.repositories(), 2);
        assertThatThrownBy(() -> insertMessage(seeded.initiator().value(), other.responder().value(), new byte[16]))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void aMessageFromADeviceThatIsNotTheSessionsIsRejected() {
        SeededSession other = SeededSession.create(database.repositories(), 3);
        assertThatThrownBy(() -> insertMessage(other.initiator().value(), seeded.responder().value(), new byte[16]))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void aReceiptForADeviceThatIsNotTheMessagesRecipientIsRejected() throws SQLException {
        insertMessage(seeded.initiator().value(), seeded.responder().value(), new byte[16]);
        long message = database.jdbi().withHandle(handle ->
                handle.createQuery("SELECT MAX(id) FROM dm_messages").mapTo(Long.class).one());
        String receipt = "INSERT INTO message_receipts (message_id, device_id, status, updated_at) VALUES (" + message + ", ?, 'READ', 0)";

        assertThatThrownBy(() -> execute(receipt, seeded.initiator().value())).isInstanceOf(SQLException.class);
        assertThat(execute(receipt, seeded.responder().value())).isEqualTo(1);
        assertThatThrownBy(() -> execute(receipt, seeded.responder().value()))
                .as("one receipt row per (message, device)").isInstanceOf(SQLException.class);
    }

    @Test
    void aGroupHasWellFormedIdAndKindAndEachUserIsAMemberOnce() throws SQLException {
        for (String bad : new String[] {"ABCDEF0123456789", "abcdef012345678", "abcdef012345678g"}) {
            assertThatThrownBy(() -> execute("INSERT INTO `groups` (group_id, kind, created_at) VALUES (?, 'GROUP', 0)", bad))
                    .as(bad).isInstanceOf(SQLException.class);
        }
        assertThatThrownBy(() -> execute("INSERT INTO `groups` (group_id, kind, created_at) VALUES (?, 'CLUB', 0)", "00000000000000c1"))
                .isInstanceOf(SQLException.class);
        assertThat(execute("INSERT INTO `groups` (group_id, kind, created_at) VALUES (?, 'CHANNEL', 0)", "00000000000000c1")).isEqualTo(1);
        String member = "INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES ('00000000000000c1', "
                + seeded.initiatorUser().id().value() + ", ?, 0)";
        assertThatThrownBy(() -> execute(member, "KING")).isInstanceOf(SQLException.class);
        assertThat(execute(member, "OWNER")).isEqualTo(1);
        assertThatThrownBy(() -> execute(member, "MEMBER")).as("UNIQUE(group_id, user_id)").isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> execute("INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES (?, "
                + seeded.initiatorUser().id().value() + ", 'MEMBER', 0)", "00000000000000c9"))
                .as("a member of no group").isInstanceOf(SQLException.class);
    }

    @Test
    void aGroupMessageHasA16ByteTagAndIsUniquePerGroupSenderDeviceAndClientMessageId() throws SQLException {
        execute("INSERT INTO `groups` (group_id, kind, created_at) VALUES (?, 'GROUP', 0)", "00000000000000d1");
        assertThatThrownBy(() -> insertGroupMessage("00000000000000d1", new byte[15], "k")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> insertGroupMessage("00000000000000d9", new byte[16], "k"))
                .as("a message of no group").isInstanceOf(SQLException.class);
        assertThat(insertGroupMessage("00000000000000d1", new byte[16], "k")).isEqualTo(1);
        assertThatThrownBy(() -> insertGroupMessage("00000000000000d1", new byte[16], "k")).isInstanceOf(SQLException.class);
        assertThat(insertGroupMessage("00000000000000d1", new byte[16], null)).isEqualTo(1);
        assertThat(insertGroupMessage("00000000000000d1", new byte[16], null)).as("no key, no uniqueness").isEqualTo(1);
    }

    private int insertGroupMessage(String groupId, byte[] authTag, String clientMessageId) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO group_messages (group_id, sender_user_id, "
                     + "sender_device_id, sender_key_id, ciphertext, auth_tag, client_message_id, server_timestamp) "
                     + "VALUES (?, ?, ?, '0123456789abcdef', ?, ?, ?, 0)")) {
            insert.setString(1, groupId);
            insert.setLong(2, seeded.initiatorUser().id().value());
            insert.setString(3, seeded.initiator().value());
            insert.setBytes(4, new byte[] {1, 2, 3});
            insert.setBytes(5, authTag);
            insert.setString(6, clientMessageId);
            return insert.executeUpdate();
        }
    }

    private int insertMessage(String sender, String recipient, byte[] authTag) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO dm_messages (session_db_id, sender_user_id, "
                     + "sender_device_id, recipient_device_id, ciphertext, auth_tag, server_timestamp, delivery_state) "
                     + "VALUES (?, ?, ?, ?, ?, ?, 0, 'PENDING')")) {
            insert.setLong(1, seeded.session().id().value());
            insert.setLong(2, seeded.initiatorUser().id().value());
            insert.setString(3, sender);
            insert.setString(4, recipient);
            insert.setBytes(5, new byte[] {1, 2, 3});
            insert.setBytes(6, authTag);
            return insert.executeUpdate();
        }
    }

    private int execute(String sql, String parameter) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            return statement.executeUpdate();
        }
    }
}
