package io.convro.domain.user;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.util.regex.Pattern;

/** A user's public number: {@code +99} followed by exactly six digits. */
public record ConvroNumber(String value) {
    private static final Pattern FORMAT = Pattern.compile("^\\+99[0-9]{6}$");
    /** How many numbers exist: {@code +99000000} … {@code +99999999}. */
    public static final int SPACE_SIZE = 1_000_000;

    public ConvroNumber {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new DomainException(ErrorCode.INVALID_CONVRO_NUMBER, "convroNumber must match ^\\+99[0-9]{6}$", "convroNumber");
        }
    }

    public static ConvroNumber parse(String text) {
        return new ConvroNumber(text);
    }

    /** The number at {@code index} of the space, {@code 0 ≤ index < 1,000,000}. */
    public static ConvroNumber ofIndex(int index) {
        if (index < 0 || index >= SPACE_SIZE) {
            throw new IllegalArgumentException("index out of the number space: " + index);
        }
        return new ConvroNumber(String.format("+99%06d", index));
    }

    @Override
    public String toString() {
        return value;
    }
}
