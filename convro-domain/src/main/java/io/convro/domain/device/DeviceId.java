package io.convro.domain.device;

import io.convro.domain.ErrorCode;
import io.convro.domain.Hex;
import java.util.random.RandomGenerator;

/** A device's id: exactly 16 hex characters, case-insensitive on input, lowercase when stored. */
public record DeviceId(String value) {
    public static final int LENGTH = 16;

    public DeviceId {
        value = Hex.fixed(value, LENGTH, ErrorCode.INVALID_DEVICE_ID, "deviceId");
    }

    public static DeviceId parse(String text) {
        return new DeviceId(text);
    }

    /** A fresh random id, for a device whose client did not choose one. */
    public static DeviceId random(RandomGenerator random) {
        return new DeviceId(String.format("%016x", random.nextLong()));
    }

    @Override
    public String toString() {
        return value;
    }
}
