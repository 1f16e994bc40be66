package io.convro.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.session.SessionId;
import io.convro.domain.user.UserId;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DmMessageTest {
    private static final DeviceId SENDER = DeviceId.parse("aaaaaaaaaaaaaaaa");
    private static final DeviceId RECIPIENT = DeviceId.parse("bbbbbbbbbbbbbbbb");
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private DmMessage message() {
        return DmMessage.compose(new SessionDbId(1), SessionId.parse("0000000a"), UserId.of(1), SENDER, RECIPIENT,
                Ciphertext.of(new byte[] {1}), AuthTag.of(new byte[16]), null, null, T0).withId(MessageId.of(7));
    }

    @Test
    void receiptsOnlyMoveForward() {
        DmMessage read = message().receiptBy(RECIPIENT, ReceiptStatus.READ, T0.plusSeconds(5));
        assertThat(read.deliveryState()).isEqualTo(DeliveryState.READ);
        assertThat(read.deliveredAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(read.receiptBy(RECIPIENT, ReceiptStatus.DELIVERED, T0.plusSeconds(9))).isSameAs(read);
    }

    @Test
    void deliveredThenReadKeepsTheDeliveryTime() {
        DmMessage delivered = message().receiptBy(RECIPIENT, ReceiptStatus.DELIVERED, T0.plusSeconds(1));
        DmMessage read = delivered.receiptBy(RECIPIENT, ReceiptStatus.READ, T0.plusSeconds(2));
        assertThat(read.deliveredAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(read.readAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void onlyTheRecipientMaySetAReceipt() {
        assertThatThrownBy(() -> message().receiptBy(SENDER, ReceiptStatus.READ, T0))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_MESSAGE_RECIPIENT));
        assertThatThrownBy(() -> message().receiptBy(DeviceId.parse("cccccccccccccccc"), ReceiptStatus.READ, T0))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_NOT_FOUND));
    }

    @Test
    void ciphertextAndAuthTagSizesAreEnforced() {
        assertThat(Ciphertext.parseBase64(Base64.getEncoder().encodeToString(new byte[65_536])).length()).isEqualTo(65_536);
        assertThatThrownBy(() -> Ciphertext.parseBase64(Base64.getEncoder().encodeToString(new byte[65_537])))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE));
        assertThatThrownBy(() -> Ciphertext.parseBase64(""))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CIPHERTEXT));
        assertThatThrownBy(() -> AuthTag.parseBase64(Base64.getEncoder().encodeToString(new byte[17])))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_AUTH_TAG));
        assertThat(AuthTag.parseBase64(Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16])).bytes()).hasSize(16);
    }

    @Test
    void clientFieldsAreValidated() {
        assertThatThrownBy(() -> ClientMessageId.parse("x".repeat(65)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CLIENT_MESSAGE_ID));
        assertThatThrownBy(() -> ClientTimestamp.parse("yesterday"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CLIENT_TIMESTAMP));
        assertThat(ClientTimestamp.parse("2026-11-25T15:10:54.1+01:00").toString()).isEqualTo("2026-11-25T14:10:54.100Z");
        assertThatThrownBy(() -> ReceiptStatus.parse("PENDING"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_RECEIPT_STATUS));
    }
}
