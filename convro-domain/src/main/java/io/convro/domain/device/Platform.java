package io.convro.domain.device;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.util.Locale;

/** What a device runs on; {@code unknown} when the client does not say. */
public enum Platform {
    IOS, ANDROID, DESKTOP, WEB, UNKNOWN;

    /** Parse the wire name ({@code ios|android|desktop|web|unknown}); {@code null} means {@link #UNKNOWN}. */
    public static Platform parse(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        for (Platform platform : values()) {
            if (platform.wireName().equals(text.toLowerCase(Locale.ROOT))) {
                return platform;
            }
        }
        throw new DomainException(ErrorCode.INVALID_PLATFORM, "platform must be one of ios|android|desktop|web|unknown", "platform");
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
