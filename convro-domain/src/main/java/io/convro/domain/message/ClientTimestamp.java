package io.convro.domain.message;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.WireTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** When the sender's clock says it sent: any ISO-8601 instant with an offset, kept to the millisecond. */
public record ClientTimestamp(Instant value) {
    public static ClientTimestamp parse(String text) {
        Instant exact = WireTime.parseExact(text);
        if (exact != null) {
            return new ClientTimestamp(exact);
        }
        if (text != null) {
            try {
                return new ClientTimestamp(WireTime.truncate(OffsetDateTime.parse(text).toInstant()));
            } catch (DateTimeParseException ignored) {
                // rejected below
            }
        }
        throw new DomainException(ErrorCode.INVALID_CLIENT_TIMESTAMP, "clientTimestamp must be ISO-8601 with an offset, e.g. 2026-11-25T14:10:54.120Z", "clientTimestamp");
    }

    @Override
    public String toString() {
        return WireTime.format(value);
    }
}
