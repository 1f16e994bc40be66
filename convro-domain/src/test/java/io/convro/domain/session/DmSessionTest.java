package io.convro.domain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import io.convro.domain.user.UserId;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DmSessionTest {
    private static final String A = "aaaaaaaaaaaaaaaa";
    private static final String B = "bbbbbbbbbbbbbbbb";
    private static final String KEY = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    static Map<String, Object> offerFields() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("version", 1);
        fields.put("initiatorDeviceId", A);
        fields.put("responderDeviceId", B);
        fields.put("sessionId", "9f12a0bc");
        fields.put("ephemeralPublicKeyX25519", KEY);
        fields.put("usedSignedPrekeyPublicKeyX25519", Base64.getEncoder().encodeToString(new byte[32]));
        fields.put("usedOneTimePrekeyId", null);
        return fields;
    }

    private static DomainException rejection(Map<String, Object> fields, String json) {
        try {
            HandshakeOffer.parse(fields, json);
        } catch (DomainException e) {
            return e;
        }
        throw new AssertionError("offer was accepted");
    }

    private DmSession pending() {
        return DmSession.open(HandshakeOffer.parse(offerFields(), "{}"), UserId.of(1), UserId.of(2), T0).withId(new SessionDbId(1));
    }

    @Test
    void aValidOfferIsParsedAndKeptVerbatim() {
        HandshakeOffer offer = HandshakeOffer.parse(offerFields(), "{\"version\":1,\"extra\":true}");
        assertThat(offer.sessionId().value()).isEqualTo("9f12a0bc");
        assertThat(offer.json()).isEqualTo("{\"version\":1,\"extra\":true}");
        assertThat(offer.usedOneTimePrekeyId()).isNull();
    }

    @Test
    void offersAreCheckedFieldByField() {
        Map<String, Object> version2 = offerFields();
        version2.put("version", 2);
        assertThat(rejection(version2, "{}").code()).isEqualTo(ErrorCode.UNSUPPORTED_HANDSHAKE_VERSION);
        Map<String, Object> badSession = offerFields();
        badSession.put("sessionId", "xyz");
        assertThat(rejection(badSession, "{}").code()).isEqualTo(ErrorCode.INVALID_SESSION_ID);
        Map<String, Object> shortKey = offerFields();
        shortKey.put("ephemeralPublicKeyX25519", "AAAA");
        assertThat(rejection(shortKey, "{}").code()).isEqualTo(ErrorCode.INVALID_HANDSHAKE_OFFER);
        assertThat(rejection(offerFields(), "x".repeat(8193)).code()).isEqualTo(ErrorCode.HANDSHAKE_OFFER_TOO_LARGE);
    }

    @Test
    void theInitiatorIsCheckedAgainstTheCallerBeforeTheResponderIsCheckedAgainstIt() {
        Map<String, Object> bothB = offerFields();
        bothB.put("initiatorDeviceId", B);
        HandshakeOffer peersDeviceTwice = HandshakeOffer.parse(bothB, "{}");
        assertThatThrownBy(() -> peersDeviceTwice.checkOpenedBy(DeviceId.parse(A)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INITIATOR_DEVICE_MISMATCH));
        assertThatThrownBy(() -> peersDeviceTwice.checkOpenedBy(DeviceId.parse(B)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_HANDSHAKE_OFFER));
        HandshakeOffer.parse(offerFields(), "{}").checkOpenedBy(DeviceId.parse(A));
    }

    @Test
    void onlyTheResponderAcceptsAndAcceptingTwiceIsANoOp() {
        assertThatThrownBy(() -> pending().acceptBy(DeviceId.parse(A), T0))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_NOT_FOUND));
        DmSession active = pending().acceptBy(DeviceId.parse(B), T0);
        assertThat(active.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(active.acceptBy(DeviceId.parse(B), T0.plusSeconds(1))).isSameAs(active);
    }

    @Test
    void sendPoliciesRunInContractOrder() {
        DeviceId a = DeviceId.parse(A);
        DeviceId b = DeviceId.parse(B);
        DeviceId stranger = DeviceId.parse("cccccccccccccccc");
        assertThatThrownBy(() -> pending().checkSend(stranger, b))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_NOT_FOUND));
        assertThatThrownBy(() -> pending().checkSend(a, stranger))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_RECIPIENT));
        assertThatThrownBy(() -> pending().checkSend(a, b))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_NOT_ACTIVE));
        DmSession active = pending().acceptBy(b, T0);
        active.checkSend(a, b);
        active.checkSend(b, a);
        assertThatThrownBy(() -> active.closed().checkSend(b, a))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_NOT_ACTIVE));
    }

    @Test
    void onlyMembershipIsARefusalThatARepeatDoesNotAnswer() {
        DeviceId a = DeviceId.parse(A);
        DeviceId b = DeviceId.parse(B);
        DeviceId stranger = DeviceId.parse("cccccccccccccccc");
        DmSession active = pending().acceptBy(b, T0);

        assertThat(active.decideSend(stranger, b)).isInstanceOfSatisfying(SendVerdict.NotAMember.class,
                refused -> assertThat(refused.rejection().code()).isEqualTo(ErrorCode.SESSION_NOT_FOUND));
        assertThat(active.decideSend(a, stranger)).isInstanceOfSatisfying(SendVerdict.Refused.class,
                refused -> assertThat(refused.rejection().code()).isEqualTo(ErrorCode.INVALID_RECIPIENT));
        assertThat(pending().decideSend(a, b)).isInstanceOfSatisfying(SendVerdict.Refused.class,
                refused -> assertThat(refused.rejection().code()).isEqualTo(ErrorCode.SESSION_NOT_ACTIVE));
        assertThat(active.decideSend(a, b)).isSameAs(SendVerdict.ALLOWED);
    }

    @Test
    void anActiveSessionTheStoreFoundNotActiveIsClosedAndRefusesSends() {
        DeviceId a = DeviceId.parse(A);
        DeviceId b = DeviceId.parse(B);
        DmSession active = pending().acceptBy(b, T0);

        DmSession found = active.foundNotActive();

        assertThat(found.state()).isEqualTo(SessionState.CLOSED);
        assertThat(found.decideSend(a, b)).isInstanceOfSatisfying(SendVerdict.Refused.class,
                refused -> assertThat(refused.rejection().code()).isEqualTo(ErrorCode.SESSION_NOT_ACTIVE));
        assertThatThrownBy(() -> pending().foundNotActive()).isInstanceOf(IllegalStateException.class);
    }
}
