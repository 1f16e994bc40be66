package io.convro.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.adapter.crypto.Argon2idPasswordHasher;
import io.convro.adapter.crypto.Ed25519SignatureVerifier;
import io.convro.adapter.crypto.JwtTokenService;
import io.convro.application.ConvroApplication;
import io.convro.application.OutPorts;
import io.convro.application.auth.AuthSession;
import io.convro.application.auth.RefreshedTokens;
import io.convro.application.auth.RegisterCommand;
import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.realtime.RealtimePublisher;
import io.convro.application.shared.BoundedWork;
import io.convro.application.shared.Clock;
import io.convro.application.users.PermutedNumberAllocator;
import io.convro.domain.device.DeviceId;
import io.convro.domain.device.Platform;
import io.convro.domain.user.Password;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Refreshes of one token racing on a real database: the row lock picks one rotation, the others lose the race and
 * take the winner's pair in a transaction of their own, so every one of them gets the same pair and no reuse alarm
 * revokes the family. (The in-memory store serializes whole transactions, so only a database shows the lost race.)
 */
abstract class RefreshRaceContract {
    /** The send use case's threads: the test's own, closed after it. */
    private final BoundedWork sendWork = new BoundedWork("test-send", 2, 64, Duration.ofSeconds(30));

    @AfterEach
    void closeSendWork() {
        sendWork.close();
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RACERS = 8;
    private static final RealtimePublisher NOBODY = new RealtimePublisher() {
        @Override
        public void publish(DeviceId device, RealtimeEvent event) {
        }

        @Override
        public void disconnect(DeviceId device) {
        }
    };

    protected abstract Database database();

    @Test
    void concurrentRefreshesOfOneTokenAllGetTheSamePairAndTheFamilyLives() throws Exception {
        JdbiRepositories stores = database().repositories();
        Clock clock = () -> Instant.now().truncatedTo(ChronoUnit.MILLIS);
        byte[] jwtSecret = new byte[32];
        RANDOM.nextBytes(jwtSecret);
        ConvroApplication app = new ConvroApplication(new OutPorts(stores.users(), stores.devices(), stores.refreshTokens(),
                stores.prekeys(), stores.sessions(), stores.messages(), stores.groups(),
                new PermutedNumberAllocator(stores.numberSequence()),
                stores.transactions(), HASHER, new JwtTokenService(jwtSecret, clock),
                new Ed25519SignatureVerifier(), NOBODY, clock, RANDOM), sendWork);
        AuthSession alice = app.registerUser().register(new RegisterCommand(Password.parse("correct horse battery"),
                null, null, null, Platform.IOS, null));

        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<RefreshedTokens>> racers = new ArrayList<>();
        try {
            for (int i = 0; i < RACERS; i++) {
                racers.add(pool.submit(() -> {
                    go.await();
                    return app.refreshToken().refresh(alice.refreshToken());
                }));
            }
            go.countDown();
            List<RefreshedTokens> pairs = new ArrayList<>();
            for (Future<RefreshedTokens> racer : racers) {
                pairs.add(racer.get(60, TimeUnit.SECONDS));
            }
            assertThat(pairs.stream().map(RefreshedTokens::refreshToken).distinct()).hasSize(1);
            assertThat(pairs.stream().map(RefreshedTokens::accessToken).distinct()).hasSize(1);
            String current = pairs.get(0).refreshToken();
            assertThat(app.refreshToken().refresh(current).refreshToken()).as("the new token rotates: no reuse alarm")
                    .isNotEqualTo(current);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One for the class: construction computes a hash. */
    private static final Argon2idPasswordHasher HASHER = new Argon2idPasswordHasher();
}
