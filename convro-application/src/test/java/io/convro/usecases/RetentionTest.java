package io.convro.usecases;

import io.convro.application.groups.CreateGroupCommand;
import io.convro.application.groups.GroupHistoryQuery;
import io.convro.application.groups.PostGroupMessageCommand;
import io.convro.application.groups.PostedGroupMessage;
import io.convro.domain.group.Group;
import io.convro.domain.group.GroupKind;
import io.convro.domain.group.SenderKeyId;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.application.auth.AuthSession;
import io.convro.application.auth.RefreshedTokens;
import io.convro.application.messages.HistoryCursor;
import io.convro.application.messages.HistoryQuery;
import io.convro.application.messages.SentMessage;
import io.convro.application.retention.PurgeExpiredDataService;
import io.convro.application.retention.Purged;
import io.convro.application.retention.RetentionPolicy;
import io.convro.application.sessions.OpenedSession;
import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Retention with a clock moved forward: what goes, what stays, and that reuse detection outlives the purge. */
class RetentionTest {
    private final TestConvro convro = new TestConvro();
    private final AuthSession aliceSession = convro.register("alice");
    private final AuthSession bobSession = convro.register("bob");
    private final Caller alice = convro.caller(aliceSession);
    private final Caller bob = convro.caller(bobSession);

    private PurgeExpiredDataService retention(Optional<Duration> messages) {
        RetentionPolicy policy = new RetentionPolicy(messages, RetentionPolicy.DEFAULT_REFRESH_TOKEN_GRACE,
                RetentionPolicy.DEFAULT_CONSUMED_PREKEYS, 2, Duration.ZERO, 100);
        return new PurgeExpiredDataService(convro.stores.expiredData(), convro.clock, policy);
    }

    @Test
    void ciphertextOlderThanTheRetentionGoesInBatchesAndHistoryStartsLater() {
        convro.uploadPrekeys(bob, 3);
        convro.bundle(alice, bob.userId());
        OpenedSession session = convro.activeSession(alice, bob);
        for (int i = 0; i < 5; i++) {
            convro.send(alice, bob, session.sessionId());
        }
        convro.clock.advance(Duration.ofDays(2));
        SentMessage recent = convro.send(bob, alice, session.sessionId());

        Purged purged = retention(Optional.of(Duration.ofDays(1))).purge();

        assertThat(purged).isEqualTo(new Purged(5, 0, 0)); // in batches of 2: 2 + 2 + 1
        var history = convro.app.history().history(new HistoryQuery(alice, session.sessionId(), new HistoryCursor.Latest(), 50));
        assertThat(history.messages()).singleElement().satisfies(m -> assertThat(m.id()).isEqualTo(recent.messageId()));
        assertThat(retention(Optional.of(Duration.ofDays(1))).purge()).isEqualTo(Purged.NOTHING);
    }

    @Test
    void groupMessagesOlderThanTheRetentionGoToo() {
        Group group = convro.app.createGroup().create(new CreateGroupCommand(alice, GroupKind.GROUP, null, List.of(bob.userId())));
        for (int i = 0; i < 3; i++) {
            convro.app.postGroupMessage().post(new PostGroupMessageCommand(alice, group.id(), SenderKeyId.parse("00112233445566ff"),
                    Ciphertext.of(new byte[] {1}), AuthTag.of(new byte[16]), null, null));
        }
        convro.clock.advance(Duration.ofDays(2));
        PostedGroupMessage recent = convro.app.postGroupMessage().post(new PostGroupMessageCommand(bob, group.id(),
                SenderKeyId.parse("00112233445566ff"), Ciphertext.of(new byte[] {2}), AuthTag.of(new byte[16]), null, null));

        assertThat(retention(Optional.of(Duration.ofDays(1))).purge().messages()).isEqualTo(3);
        assertThat(convro.app.groupHistory().history(new GroupHistoryQuery(bob, group.id(), new HistoryCursor.Latest(), 50)).messages())
                .extracting(message -> message.id()).containsExactly(recent.messageId());
        assertThat(retention(Optional.empty()).purge().messages()).isZero();
    }

    @Test
    void aStoppedPurgeDeletesNothingMore() {
        OpenedSession session = convro.activeSession(alice, bob);
        convro.send(alice, bob, session.sessionId());
        convro.clock.advance(Duration.ofDays(2));
        PurgeExpiredDataService purge = retention(Optional.of(Duration.ofDays(1)));

        purge.stop();

        assertThat(purge.purge()).isEqualTo(Purged.NOTHING);
        assertThat(retention(Optional.of(Duration.ofDays(1))).purge().messages()).isEqualTo(1);
    }

    @Test
    void withoutARetentionEveryMessageIsKept() {
        OpenedSession session = convro.activeSession(alice, bob);
        convro.send(alice, bob, session.sessionId());
        convro.clock.advance(Duration.ofDays(3650));

        assertThat(retention(Optional.empty()).purge().messages()).isZero();
        assertThat(convro.app.history().history(new HistoryQuery(alice, session.sessionId(), new HistoryCursor.Latest(), 50))
                .messages()).hasSize(1);
    }

    @Test
    void tokensGoOnlyAfterTheirExpiryPlusGraceSoAReuseWithinTheirLifetimeIsStillCaught() {
        RefreshedTokens rotated = convro.app.refreshToken().refresh(aliceSession.refreshToken());
        convro.clock.advance(Duration.ofDays(20));
        assertThat(retention(Optional.empty()).purge().refreshTokens()).isZero();

        // the rotated-away token presented again, 20 days on: a reuse, which revokes the device's tokens
        assertThatThrownBy(() -> convro.app.refreshToken().refresh(aliceSession.refreshToken()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REFRESH_REVOKED));
        assertThatThrownBy(() -> convro.app.refreshToken().refresh(rotated.refreshToken()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REFRESH_REVOKED));

        convro.clock.advance(Duration.ofDays(10).plus(RetentionPolicy.DEFAULT_REFRESH_TOKEN_GRACE).plusMillis(1));
        // alice's first and rotated token, and bob's: all expired 30 days after they were issued, a day of grace ago
        assertThat(retention(Optional.empty()).purge().refreshTokens()).isEqualTo(3);
        assertThatThrownBy(() -> convro.app.refreshToken().refresh(bobSession.refreshToken()))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REFRESH_NOT_FOUND));
    }

    @Test
    void consumedOneTimePrekeysGoAfterTheirKeepTimeAndAvailableOnesStay() {
        convro.uploadPrekeys(bob, 3);
        convro.bundle(alice, bob.userId());
        convro.clock.advance(RetentionPolicy.DEFAULT_CONSUMED_PREKEYS);
        assertThat(retention(Optional.empty()).purge().prekeys()).isZero();

        convro.clock.advance(Duration.ofMillis(1));
        assertThat(retention(Optional.empty()).purge().prekeys()).isEqualTo(1);
        assertThat(convro.stores.prekeys().countAvailable(bob.deviceId())).isEqualTo(2);
    }
}
