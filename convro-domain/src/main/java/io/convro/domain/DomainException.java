package io.convro.domain;

import java.util.Objects;

/**
 * The one rejection type of Convro: a stable {@link ErrorCode}, a human-readable message (not API) and,
 * for validation failures, the name of the offending field.
 */
public class DomainException extends RuntimeException {
    private final ErrorCode code;
    private final String field;

    public DomainException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public DomainException(ErrorCode code, String message, String field) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code);
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    /** The request field the rejection is about, or {@code null}. */
    public String field() {
        return field;
    }

    /** Same code and message, naming another field (parsers do not know the wire name). */
    public DomainException forField(String otherField) {
        return new DomainException(code, getMessage(), otherField);
    }
}
