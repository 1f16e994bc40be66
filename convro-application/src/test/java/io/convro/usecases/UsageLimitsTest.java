package io.convro.usecases;

import static io.convro.usecases.Rejections.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.application.messages.SendMessageCommand;
import io.convro.application.prekeys.FetchPrekeyBundleQuery;
import io.convro.application.sessions.IncomingSessionsQuery;
import io.convro.application.sessions.OpenedSession;
import io.convro.application.shared.Caller;
import io.convro.application.shared.RateLimit;
import io.convro.application.shared.RateLimitedException;
import io.convro.application.shared.RateLimiter;
import io.convro.application.shared.UsageLimits;
import io.convro.application.users.ResolveUserQuery;
import io.convro.domain.ErrorCode;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each budget of the use cases: who it counts, what it refuses, and what it leaves alone. */
class UsageLimitsTest {
    private static final RateLimit THREE = new RateLimit(3, Duration.ofMinutes(1));

    /** Buckets that never refill: the test counts permits, not time. */
    private static final class CountingLimiter implements RateLimiter {
        final Map<String, AtomicInteger> taken = new ConcurrentHashMap<>();
        final List<String> asked = new ArrayList<>();

        @Override
        public synchronized Optional<Duration> tryAcquire(String bucket, RateLimit limit) {
            asked.add(bucket);
            int n = taken.computeIfAbsent(bucket, key -> new AtomicInteger()).incrementAndGet();
            return n <= limit.permits() ? Optional.empty() : Optional.of(limit.per().dividedBy(limit.permits()));
        }
    }

    private final CountingLimiter shared = new CountingLimiter();
    private final CountingLimiter local = new CountingLimiter();

    private TestConvro convro(UsageLimits.Budgets budgets) {
        return new TestConvro(new UsageLimits(shared, local, budgets));
    }

    @Test
    void aRequesterTakesAFewBundlesOfOneTargetDeviceAndLeavesTheRestOfItsStock() {
        TestConvro convro = convro(new UsageLimits.Budgets(Optional.of(THREE), Optional.empty(), Optional.empty(), Optional.empty()));
        Caller alice = convro.caller(convro.register("alice"));
        Caller bob = convro.caller(convro.register("bob"));
        Caller carol = convro.caller(convro.register("carol"));
        convro.uploadPrekeys(bob, 100);

        int refused = 0;
        for (int i = 0; i < 100; i++) {
            try {
                convro.bundle(alice, bob.userId());
            } catch (RateLimitedException limited) {
                assertThat(limited.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                assertThat(limited.retryAfter()).isPositive();
                refused++;
            }
        }

        assertThat(refused).isEqualTo(97);
        assertThat(convro.app.prekeyStatus().status(bob).oneTimePrekeysAvailable()).isEqualTo(97);
        assertThat(convro.bundle(carol, bob.userId()).oneTimePrekey()).as("another requester has a budget of its own").isNotNull();
        // naming the device is the same bucket
        expect(ErrorCode.RATE_LIMITED, () -> convro.app.fetchPrekeyBundle().fetch(
                new FetchPrekeyBundleQuery(alice, bob.userId(), bob.deviceId())));
    }

    @Test
    void aBundleOfAnUnknownUserCostsNoPermit() {
        TestConvro convro = convro(new UsageLimits.Budgets(Optional.of(THREE), Optional.empty(), Optional.empty(), Optional.empty()));
        Caller alice = convro.caller(convro.register("alice"));
        expect(ErrorCode.USER_NOT_FOUND, () -> convro.bundle(alice, io.convro.domain.user.UserId.of(999)));
        assertThat(shared.asked).isEmpty();
    }

    @Test
    void lookUpsAreCountedPerUserHitsAndMissesAlike() {
        TestConvro convro = convro(new UsageLimits.Budgets(Optional.empty(), Optional.of(THREE), Optional.empty(), Optional.empty()));
        Caller alice = convro.caller(convro.register("alice"));
        Caller bob = convro.caller(convro.register("bob"));
        ResolveUserQuery nobody = new ResolveUserQuery.ByUsername(io.convro.domain.user.Username.parse("nobody"));
        ResolveUserQuery bobByName = new ResolveUserQuery.ByUsername(io.convro.domain.user.Username.parse("bob"));

        expect(ErrorCode.USER_NOT_FOUND, () -> convro.app.resolveUser().resolve(alice, nobody));
        expect(ErrorCode.USER_NOT_FOUND, () -> convro.app.resolveUser().resolve(alice, nobody));
        convro.app.resolveUser().resolve(alice, bobByName);
        expect(ErrorCode.RATE_LIMITED, () -> convro.app.resolveUser().resolve(alice, bobByName));

        assertThat(convro.app.resolveUser().resolve(bob, bobByName).userId()).as("bob's own budget").isEqualTo(bob.userId());
    }

    @Test
    void sessionOpensAreCountedPerDevice() {
        TestConvro convro = convro(new UsageLimits.Budgets(Optional.empty(), Optional.empty(), Optional.of(THREE), Optional.empty()));
        Caller alice = convro.caller(convro.register("alice"));
        Caller bob = convro.caller(convro.register("bob"));
        for (int i = 0; i < 3; i++) {
            convro.open(alice, bob);
        }
        expect(ErrorCode.RATE_LIMITED, () -> convro.open(alice, bob));
        assertThat(convro.app.incomingSessions().incoming(IncomingSessionsQuery.first(bob)).sessions())
                .as("the refused open stored nothing").hasSize(3);
        convro.open(bob, alice);
    }

    @Test
    void aFanOutAndAGroupMessageEachTakeOnePermitOfTheDevicesSendBudget() {
        TestConvro convro = convro(new UsageLimits.Budgets(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(THREE)));
        Caller alice = convro.caller(convro.register("alice"));
        Caller bob = convro.caller(convro.register("bob"));
        convro.uploadPrekeys(bob, 5);
        OpenedSession session = convro.activeSession(alice, bob);
        convro.send(alice, bob, session.sessionId(), "m-1", new byte[] {1});
        convro.app.sendFanout().send(new io.convro.application.messages.SendFanoutCommand(alice, bob.userId(), null, null, false,
                List.of(new io.convro.application.messages.FanoutEntry(session.sessionId(), bob.deviceId(),
                        Ciphertext.of(new byte[] {2}), AuthTag.of(new byte[16])))));
        io.convro.domain.group.Group group = convro.app.createGroup().create(new io.convro.application.groups.CreateGroupCommand(
                alice, io.convro.domain.group.GroupKind.GROUP, null, List.of(bob.userId())));
        io.convro.application.groups.PostGroupMessageCommand post = new io.convro.application.groups.PostGroupMessageCommand(alice,
                group.id(), io.convro.domain.group.SenderKeyId.parse("0000000000000001"), Ciphertext.of(new byte[] {3}),
                AuthTag.of(new byte[16]), null, null);
        convro.app.postGroupMessage().post(post);

        assertThatThrownBy(() -> convro.app.postGroupMessage().post(post)).isInstanceOf(RateLimitedException.class);
        assertThat(local.asked).containsOnly("send:" + alice.deviceId().value());
        assertThat(convro.app.postGroupMessage().post(new io.convro.application.groups.PostGroupMessageCommand(bob, group.id(),
                post.senderKeyId(), post.ciphertext(), post.authTag(), null, null)).created()).as("per device").isTrue();
    }

    @Test
    void sendsAreCountedPerDeviceOnThisNodeOnlyAndARefusalIsTheStagesNotAThrow() {
        TestConvro convro = convro(new UsageLimits.Budgets(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(THREE)));
        Caller alice = convro.caller(convro.register("alice"));
        Caller bob = convro.caller(convro.register("bob"));
        OpenedSession session = convro.activeSession(alice, bob);
        for (int i = 0; i < 3; i++) {
            convro.send(alice, bob, session.sessionId(), "m-" + i, new byte[] {1, 2, 3});
        }

        SendMessageCommand fourth = new SendMessageCommand(alice, session.sessionId(), bob.deviceId(), null, null,
                Ciphertext.of(new byte[] {4}), AuthTag.of(new byte[16]));
        var refused = convro.app.sendMessage().send(fourth).toCompletableFuture();
        assertThatThrownBy(refused::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(RateLimitedException.class);

        assertThat(local.asked).containsOnly("send:" + alice.deviceId().value());
        assertThat(shared.asked).as("sends never ask the shared (Redis) limiter").isEmpty();
        convro.send(bob, alice, session.sessionId(), "reply", new byte[] {5});
    }

    @Test
    void withoutBudgetsNothingIsAsked() {
        TestConvro convro = convro(UsageLimits.Budgets.none());
        Caller alice = convro.caller(convro.register("alice"));
        Caller bob = convro.caller(convro.register("bob"));
        convro.uploadPrekeys(bob, 5);
        convro.bundle(alice, bob.userId());
        OpenedSession session = convro.activeSession(alice, bob);
        convro.send(alice, bob, session.sessionId(), "m", new byte[] {1});
        assertThat(shared.asked).isEmpty();
        assertThat(local.asked).isEmpty();
    }
}
