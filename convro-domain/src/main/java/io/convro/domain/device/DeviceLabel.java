package io.convro.domain.device;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;

/** A human label for a device ("Anna's phone"): at most 128 characters, no control characters. */
public record DeviceLabel(String value) {
    public static final int MAX_LENGTH = 128;

    public DeviceLabel {
        if (value == null || value.codePointCount(0, value.length()) > MAX_LENGTH
                || value.codePoints().anyMatch(Character::isISOControl)) {
            throw new DomainException(ErrorCode.INVALID_DEVICE_LABEL, "deviceLabel must be at most 128 characters without control characters", "deviceLabel");
        }
    }

    public static DeviceLabel parse(String text) {
        return new DeviceLabel(text);
    }

    @Override
    public String toString() {
        return value;
    }
}
