package io.convro.application.users;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed bijection of {@code [0, size)}: a balanced Feistel network over the smallest even number of bits
 * that covers {@code size}, with cycle walking to stay inside the range. Mapping a counter through it gives
 * every number exactly once, in an order that cannot be guessed without the key, in O(1) expected time
 * (fewer than two walks on average, since the bit domain is less than four times the range).
 */
public final class ConvroNumberPermutation {
    private static final int ROUNDS = 8;
    private final int size;
    private final int halfBits;
    private final int halfMask;
    private final byte[] key;

    public ConvroNumberPermutation(int size, byte[] key) {
        if (size < 2) {
            throw new IllegalArgumentException("size must be at least 2");
        }
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("key must be at least 16 bytes");
        }
        int bits = 64 - Long.numberOfLeadingZeros(size - 1L);
        this.halfBits = (bits + 1) / 2;
        this.halfMask = (1 << halfBits) - 1;
        this.size = size;
        this.key = key.clone();
    }

    public int size() {
        return size;
    }

    /** The image of {@code index}; distinct indexes always give distinct results in {@code [0, size)}. */
    public int apply(int index) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index out of range: " + index);
        }
        Mac mac = newMac();
        int value = index;
        do {
            value = encrypt(value, mac);
        } while (value >= size);
        return value;
    }

    private int encrypt(int value, Mac mac) {
        int left = (value >>> halfBits) & halfMask;
        int right = value & halfMask;
        for (int round = 0; round < ROUNDS; round++) {
            int next = left ^ roundFunction(mac, round, right);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }

    private int roundFunction(Mac mac, int round, int half) {
        byte[] out = mac.doFinal(ByteBuffer.allocate(8).putInt(round).putInt(half).array());
        return ByteBuffer.wrap(out).getInt() & halfMask;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
