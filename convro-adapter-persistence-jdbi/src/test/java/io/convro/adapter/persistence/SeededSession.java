package io.convro.adapter.persistence;

import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.device.Platform;
import io.convro.domain.session.DmSession;
import io.convro.domain.session.SessionId;
import io.convro.domain.session.SessionState;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.User;
import java.time.Instant;

/** Two users with one device each and an ACTIVE session between them, stored through the repositories. */
public record SeededSession(User initiatorUser, DeviceId initiator, User responderUser, DeviceId responder, DmSession session) {
    private static final Instant T0 = Instant.parse("2026-11-25T14:10:54.120Z");

    public static SeededSession create(JdbiRepositories repositories, int seed) {
        User anna = repositories.users().insert(new User(null, ConvroNumber.ofIndex(2 * seed), null, null, "$argon2id$a", T0));
        User bob = repositories.users().insert(new User(null, ConvroNumber.ofIndex(2 * seed + 1), null, null, "$argon2id$b", T0));
        DeviceId annaDevice = DeviceId.parse(String.format("%016x", 0xa000_0000L + seed));
        DeviceId bobDevice = DeviceId.parse(String.format("%016x", 0xb000_0000L + seed));
        repositories.devices().insert(Device.register(annaDevice, anna.id(), Platform.IOS, null, T0));
        repositories.devices().insert(Device.register(bobDevice, bob.id(), Platform.ANDROID, null, T0));
        DmSession session = repositories.sessions().insert(new DmSession(null, SessionId.parse(String.format("%08x", seed)),
                anna.id(), annaDevice, bob.id(), bobDevice, "{}", SessionState.ACTIVE, T0, T0));
        return new SeededSession(anna, annaDevice, bob, bobDevice, session);
    }
}
