package io.convro.adapter.http.messages;

import io.convro.adapter.http.web.RequestBodies;
import io.convro.application.shared.Caller;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.device.DeviceId;
import io.convro.domain.user.UserId;
import io.convro.domain.user.Username;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;

/**
 * The message routes' CPU work, rehearsed on made-up bodies before the node listens: reading and validating a send
 * (JSON, base64 of its ciphertext and tag, the domain values) and a receipts batch, and writing the send's answer.
 * Nothing is stored or sent. Why: a node restarted under load (after a crash) met hundreds of sends a second with
 * this code still interpreted, and its event loops fell seconds behind, {@code /health} with them (benchmarks.md, the
 * kill); code the JIT has compiled already keeps up from the first second.
 */
public final class Rehearsal {
    private static final String SEND = "{\"sessionId\":\"%s\",\"recipientDeviceId\":\"%s\",\"clientMessageId\":\"r-%d\","
            + "\"clientTimestamp\":\"2026-01-01T00:00:00.000Z\",\"ciphertext\":\"%s\",\"authTag\":\"%s\"}";
    private static final String RECEIPTS = "{\"messageIds\":[%d,%d,%d],\"status\":\"READ\"}";

    private Rehearsal() {
    }

    /** Rehearse for {@code budget}; returns how many sends were read. */
    public static long rehearse(RequestBodies bodies, Duration budget) {
        Random random = new Random(1);
        Base64.Encoder base64 = Base64.getEncoder();
        Caller caller = new Caller(UserId.of(1), DeviceId.parse("aaaaaaaaaaaaaaaa"), ConvroNumber.ofIndex(1),
                Username.parse("rehearsal"));
        byte[][] ciphertexts = {new byte[64], new byte[512], new byte[4096]};
        for (byte[] bytes : ciphertexts) {
            random.nextBytes(bytes);
        }
        byte[] tag = new byte[16];
        random.nextBytes(tag);
        String authTag = base64.encodeToString(tag);
        long deadline = System.nanoTime() + budget.toNanos();
        long n = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 64; i++, n++) {
                String body = SEND.formatted("%08x".formatted(n & 0xffffffffL), "%016x".formatted(0x1000L + (n & 0xff)), n,
                        base64.encodeToString(ciphertexts[(int) (n % ciphertexts.length)]), authTag);
                bodies.read(body.getBytes(StandardCharsets.UTF_8), SendMessageRequest.class).toCommand(caller);
                new MessagesJson.Sent(true, n, "2026-01-01T00:00:00.000Z", "STORED").bytes();
                if ((n & 7) == 0) {
                    bodies.read(RECEIPTS.formatted(n + 1, n + 2, n + 3).getBytes(StandardCharsets.UTF_8), ReceiptsRequest.class)
                            .toCommand(caller);
                }
            }
        }
        return n;
    }
}
