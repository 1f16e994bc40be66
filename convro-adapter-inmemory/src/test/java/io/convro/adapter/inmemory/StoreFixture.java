package io.convro.adapter.inmemory;

import io.convro.adapter.inmemory.shared.MutableClock;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.device.Platform;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.DmMessage;
import io.convro.domain.prekey.Ed25519PublicKey;
import io.convro.domain.prekey.Ed25519Signature;
import io.convro.domain.prekey.IdentityKey;
import io.convro.domain.prekey.KeyId;
import io.convro.domain.prekey.OneTimePrekey;
import io.convro.domain.prekey.SignedPrekey;
import io.convro.domain.prekey.X25519PublicKey;
import io.convro.domain.session.DmSession;
import io.convro.domain.session.SessionId;
import io.convro.domain.session.SessionState;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.User;
import io.convro.domain.user.Username;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh stores and a standing clock, with shortcuts that store valid rows for the tests. */
public final class StoreFixture {
    public final InMemoryStores stores = new InMemoryStores();
    public final MutableClock clock = new MutableClock();
    private final AtomicInteger serial = new AtomicInteger();

    public static User newUser(String username, int numberIndex) {
        return new User(null, ConvroNumber.ofIndex(numberIndex), username == null ? null : Username.parse(username),
                null, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", MutableClock.DEFAULT_START);
    }

    public User user() {
        int n = serial.incrementAndGet();
        return stores.users().insert(newUser("user" + n, n));
    }

    public Device device(User owner) {
        Device device = Device.register(new DeviceId(String.format("%016x", serial.incrementAndGet())), owner.id(),
                Platform.UNKNOWN, null, clock.now());
        stores.devices().insert(device);
        return device;
    }

    public DmSession newSession(Device initiator, Device responder) {
        return new DmSession(null, new SessionId(String.format("%08x", serial.incrementAndGet())), initiator.userId(),
                initiator.id(), responder.userId(), responder.id(), "{\"version\":1}", SessionState.PENDING, clock.now(), null);
    }

    public DmSession activeSession(Device initiator, Device responder) {
        DmSession pending = stores.sessions().insert(newSession(initiator, responder));
        DmSession active = pending.acceptBy(responder.id(), clock.now());
        stores.sessions().update(active);
        return active;
    }

    public static DmMessage newMessage(DmSession session, Device from, String clientMessageId, java.time.Instant at) {
        return DmMessage.compose(session.id(), session.sessionId(), from.userId(), from.id(), session.peerOf(from.id()),
                Ciphertext.of(new byte[] {1, 2, 3}), AuthTag.of(new byte[16]),
                clientMessageId == null ? null : new ClientMessageId(clientMessageId), null, at);
    }

    public DmMessage message(DmSession session, Device from) {
        return stores.messages().insert(newMessage(session, from, null, clock.now()));
    }

    public static KeyId keyId(int n) {
        return new KeyId(String.format("%016x", n));
    }

    public static OneTimePrekey oneTimePrekey(int n) {
        return new OneTimePrekey(keyId(n), X25519PublicKey.of(bytes(32, n)));
    }

    public static IdentityKey identity(int n) {
        return new IdentityKey(Ed25519PublicKey.of(bytes(32, n)), null);
    }

    public static SignedPrekey signedPrekey(int n) {
        return new SignedPrekey(keyId(n), X25519PublicKey.of(bytes(32, n)), Ed25519Signature.of(bytes(64, n)));
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        bytes[0] = (byte) seed;
        bytes[1] = (byte) (seed >> 8);
        return bytes;
    }
}
