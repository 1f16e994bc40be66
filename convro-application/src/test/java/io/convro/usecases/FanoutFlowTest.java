package io.convro.usecases;

import static io.convro.usecases.Rejections.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.application.messages.FanoutEntry;
import io.convro.application.messages.FanoutSent;
import io.convro.application.messages.HistoryCursor;
import io.convro.application.messages.HistoryQuery;
import io.convro.application.messages.SendFanoutCommand;
import io.convro.application.prekeys.FetchPrekeyBundlesQuery;
import io.convro.application.prekeys.PrekeyBundle;
import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.sessions.OpenedSession;
import io.convro.application.shared.Caller;
import io.convro.domain.ErrorCode;
import io.convro.domain.fanout.DeviceListMismatchException;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.session.SessionId;
import io.convro.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fan-out of API.md §9 (a message to every device of a person), through the use cases on the in-memory adapters. */
class FanoutFlowTest {
    private final TestConvro convro = new TestConvro();
    private final Caller alice = convro.caller(convro.register("alice"));
    private final Caller bobPhone = convro.caller(convro.register("bob"));

    private Caller newDevice(String username) {
        return convro.caller(convro.logIn(username, TestConvro.newDeviceId()));
    }

    private static FanoutEntry entry(OpenedSession session, Caller to) {
        return new FanoutEntry(session.sessionId(), to.deviceId(), Ciphertext.of(("for " + to.deviceId()).getBytes(StandardCharsets.UTF_8)),
                AuthTag.of(new byte[16]));
    }

    private FanoutSent fanout(Caller from, UserId to, String clientMessageId, boolean includeOwn, FanoutEntry... entries) {
        return convro.app.sendFanout().send(new SendFanoutCommand(from, to,
                clientMessageId == null ? null : ClientMessageId.parse(clientMessageId), null, includeOwn, List.of(entries)));
    }

    private List<?> history(Caller reader, SessionId session) {
        return convro.app.history().history(new HistoryQuery(reader, session, new HistoryCursor.Latest(), 50)).messages();
    }

    @Test
    void aSecondDeviceIsReportedMissingThenBothDevicesGetTheMessageAndARetryIsIdempotent() {
        convro.uploadPrekeys(bobPhone, 5);
        OpenedSession withPhone = convro.activeSession(alice, bobPhone);
        Caller bobLaptop = newDevice("bob");
        convro.uploadPrekeys(bobLaptop, 5);

        DeviceListMismatchException mismatch = (DeviceListMismatchException) expect(ErrorCode.DEVICE_LIST_MISMATCH,
                () -> fanout(alice, bobPhone.userId(), "hello-1", false, entry(withPhone, bobPhone)));
        assertThat(mismatch.missingDevices()).containsExactly(bobLaptop.deviceId());
        assertThat(mismatch.extraDevices()).isEmpty();
        assertThat(history(alice, withPhone.sessionId())).as("nothing stored").isEmpty();

        OpenedSession withLaptop = convro.activeSession(alice, bobLaptop);
        convro.realtime.clear();
        FanoutSent sent = fanout(alice, bobPhone.userId(), "hello-1", false, entry(withPhone, bobPhone), entry(withLaptop, bobLaptop));
        assertThat(sent.created()).isTrue();
        assertThat(sent.messages()).extracting(FanoutSent.Copy::recipientDeviceId).containsExactly(bobPhone.deviceId(), bobLaptop.deviceId());
        assertThat(history(bobPhone, withPhone.sessionId())).hasSize(1);
        assertThat(history(bobLaptop, withLaptop.sessionId())).hasSize(1);
        assertThat(convro.realtime.eventsFor(bobPhone.deviceId(), RealtimeEvent.MessageReceived.class)).singleElement()
                .satisfies(event -> {
                    assertThat(event.message().id()).isEqualTo(sent.messages().get(0).messageId());
                    assertThat(event.message().serverTimestamp()).isEqualTo(sent.serverTimestamp());
                    assertThat(event.message().clientMessageId().value()).isEqualTo("hello-1");
                });
        assertThat(convro.realtime.eventsFor(bobLaptop.deviceId(), RealtimeEvent.MessageReceived.class)).singleElement()
                .satisfies(event -> assertThat(event.message().serverTimestamp()).isEqualTo(sent.serverTimestamp()));

        convro.realtime.clear();
        FanoutSent again = fanout(alice, bobPhone.userId(), "hello-1", false, entry(withPhone, bobPhone));
        assertThat(again.created()).isFalse();
        assertThat(again.messages()).isEqualTo(sent.messages());
        assertThat(again.serverTimestamp()).isEqualTo(sent.serverTimestamp());
        assertThat(convro.realtime.entries()).as("a repeat emits nothing").isEmpty();
        assertThat(history(bobPhone, withPhone.sessionId())).hasSize(1);
    }

    @Test
    void aDeviceWithoutPrekeysIsNeitherRequiredNorAllowed() {
        convro.uploadPrekeys(bobPhone, 5);
        OpenedSession withPhone = convro.activeSession(alice, bobPhone);
        Caller bobTablet = newDevice("bob");
        OpenedSession withTablet = convro.activeSession(alice, bobTablet);

        DeviceListMismatchException mismatch = (DeviceListMismatchException) expect(ErrorCode.DEVICE_LIST_MISMATCH,
                () -> fanout(alice, bobPhone.userId(), null, false, entry(withPhone, bobPhone), entry(withTablet, bobTablet)));
        assertThat(mismatch.missingDevices()).isEmpty();
        assertThat(mismatch.extraDevices()).containsExactly(bobTablet.deviceId());
        assertThat(fanout(alice, bobPhone.userId(), null, false, entry(withPhone, bobPhone)).messages()).hasSize(1);
    }

    @Test
    void theSendersOtherDevicesAreIncludedOnRequestAndAFanOutToOnesOwnUserLeavesTheSendingDeviceOut() {
        convro.uploadPrekeys(bobPhone, 5);
        convro.uploadPrekeys(alice, 5);
        Caller aliceLaptop = newDevice("alice");
        convro.uploadPrekeys(aliceLaptop, 5);
        OpenedSession withBob = convro.activeSession(alice, bobPhone);
        OpenedSession withLaptop = convro.activeSession(alice, aliceLaptop);

        DeviceListMismatchException mismatch = (DeviceListMismatchException) expect(ErrorCode.DEVICE_LIST_MISMATCH,
                () -> fanout(alice, bobPhone.userId(), null, true, entry(withBob, bobPhone)));
        assertThat(mismatch.missingDevices()).containsExactly(aliceLaptop.deviceId());
        assertThat(fanout(alice, bobPhone.userId(), null, true, entry(withBob, bobPhone), entry(withLaptop, aliceLaptop))
                .messages()).hasSize(2);
        assertThat(fanout(alice, alice.userId(), null, false, entry(withLaptop, aliceLaptop)).messages())
                .extracting(FanoutSent.Copy::recipientDeviceId).containsExactly(aliceLaptop.deviceId());
    }

    @Test
    void checksComeInTheContractsOrderAndStoreNothing() {
        convro.uploadPrekeys(bobPhone, 5);
        OpenedSession withPhone = convro.activeSession(alice, bobPhone);
        Caller carol = convro.caller(convro.register("carol"));

        expect(ErrorCode.NO_RECIPIENTS, () -> fanout(alice, bobPhone.userId(), null, false));
        List<FanoutEntry> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(new FanoutEntry(withPhone.sessionId(), TestConvro.newDeviceId(), Ciphertext.of(new byte[] {1}), AuthTag.of(new byte[16])));
        }
        expect(ErrorCode.TOO_MANY_RECIPIENTS, () -> fanout(alice, bobPhone.userId(), null, false, many.toArray(FanoutEntry[]::new)));
        assertThat(expect(ErrorCode.DUPLICATE_RECIPIENT, () -> fanout(alice, bobPhone.userId(), null, false,
                entry(withPhone, bobPhone), entry(withPhone, bobPhone))).field()).isEqualTo("messages[1].recipientDeviceId");
        expect(ErrorCode.USER_NOT_FOUND, () -> fanout(alice, UserId.of(999_999), null, false, entry(withPhone, bobPhone)));
        expect(ErrorCode.PREKEYS_NOT_FOUND, () -> fanout(alice, carol.userId(), null, false, entry(withPhone, bobPhone)));
        expect(ErrorCode.PREKEYS_NOT_FOUND, () -> fanout(alice, alice.userId(), null, false, entry(withPhone, bobPhone)));

        FanoutEntry unknownSession = new FanoutEntry(SessionId.parse("0badc0de"), bobPhone.deviceId(), Ciphertext.of(new byte[] {1}),
                AuthTag.of(new byte[16]));
        assertThat(expect(ErrorCode.SESSION_NOT_FOUND, () -> fanout(alice, bobPhone.userId(), null, false, unknownSession))
                .field()).isEqualTo("messages[0].sessionId");

        Caller bobLaptop = newDevice("bob");
        convro.uploadPrekeys(bobLaptop, 5);
        OpenedSession pending = convro.open(alice, bobLaptop);
        assertThat(expect(ErrorCode.SESSION_NOT_ACTIVE, () -> fanout(alice, bobPhone.userId(), "x", false,
                entry(withPhone, bobPhone), entry(pending, bobLaptop))).field()).isEqualTo("messages[1].sessionId");
        FanoutEntry wrongRecipient = new FanoutEntry(withPhone.sessionId(), bobLaptop.deviceId(), Ciphertext.of(new byte[] {1}),
                AuthTag.of(new byte[16]));
        assertThat(expect(ErrorCode.INVALID_RECIPIENT, () -> fanout(alice, bobPhone.userId(), "x", false,
                entry(withPhone, bobPhone), wrongRecipient)).field()).isEqualTo("messages[1].recipientDeviceId");
        assertThat(history(alice, withPhone.sessionId())).as("all or nothing").isEmpty();
        assertThat(convro.realtime.eventsNamed("dm:message")).isEmpty();
    }

    @Test
    void aSendAndAFanOutShareTheKeyOfSenderDeviceClientMessageIdAndRecipientDevice() {
        convro.uploadPrekeys(bobPhone, 5);
        OpenedSession withPhone = convro.activeSession(alice, bobPhone);
        var sent = convro.send(alice, bobPhone, withPhone.sessionId(), "shared", new byte[] {7});
        FanoutSent repeat = fanout(alice, bobPhone.userId(), "shared", false, entry(withPhone, bobPhone));
        assertThat(repeat.created()).isFalse();
        assertThat(repeat.messages()).extracting(FanoutSent.Copy::messageId).containsExactly(sent.messageId());
        assertThatThrownBy(() -> new SendFanoutCommand(alice, bobPhone.userId(), null, null, false, null))
                .hasMessageContaining("at least one");
    }

    @Test
    void bundlesAreFetchedForEveryDeviceWithPrekeysOldestFirstEachConsumingAOneTimePrekey() {
        convro.uploadPrekeys(bobPhone, 1);
        Caller bobTablet = newDevice("bob");
        Caller bobLaptop = newDevice("bob");
        convro.uploadPrekeys(bobLaptop, 3);

        List<PrekeyBundle> bundles = convro.app.fetchPrekeyBundles().fetchAll(new FetchPrekeyBundlesQuery(alice, bobPhone.userId()));
        assertThat(bundles).extracting(PrekeyBundle::responderDeviceId).containsExactly(bobPhone.deviceId(), bobLaptop.deviceId());
        assertThat(bundles).allSatisfy(bundle -> assertThat(bundle.oneTimePrekey()).isNotNull());
        assertThat(convro.app.fetchPrekeyBundles().fetchAll(new FetchPrekeyBundlesQuery(alice, bobPhone.userId())))
                .extracting(PrekeyBundle::oneTimePrekey).as("the phone's only one-time prekey was handed out once")
                .satisfiesExactly(none -> assertThat(none).isNull(), some -> assertThat(some).isNotNull());
        assertThat(convro.app.fetchPrekeyBundles().fetchAll(new FetchPrekeyBundlesQuery(bobLaptop, bobPhone.userId())))
                .extracting(PrekeyBundle::responderDeviceId).as("the caller's own device is left out").containsExactly(bobPhone.deviceId());
        assertThat(convro.app.fetchPrekeyBundles().fetchAll(new FetchPrekeyBundlesQuery(bobPhone, alice.userId()))).isEmpty();
        expect(ErrorCode.USER_NOT_FOUND, () -> convro.app.fetchPrekeyBundles().fetchAll(new FetchPrekeyBundlesQuery(alice, UserId.of(999_999))));
        assertThat(bobTablet.deviceId()).isNotIn(bundles.stream().map(PrekeyBundle::responderDeviceId).toList());
    }
}
