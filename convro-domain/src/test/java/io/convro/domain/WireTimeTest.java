package io.convro.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class WireTimeTest {
    /** The format as the contract states it; WireTime writes the digits itself. */
    private static final DateTimeFormatter CONTRACT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Property(tries = 5000)
    void writesWhatTheContractsPatternWrites(@ForAll @LongRange(min = -100_000_000_000_000L, max = 300_000_000_000_000L) long millis,
                                             @ForAll @LongRange(min = 0, max = 999_999) long nanosWithinTheMilli) {
        Instant instant = Instant.ofEpochMilli(millis).plusNanos(nanosWithinTheMilli);
        assertThat(WireTime.format(instant)).isEqualTo(CONTRACT.format(instant));
    }

    @Test
    void edgesOfTheFourDigitYears() {
        for (String text : new String[] {"0000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2000-02-29T23:59:59.999Z",
                "9999-12-31T23:59:59.999Z", "10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z"}) {
            Instant instant = Instant.parse(text.startsWith("10000") ? "+10000-01-01T00:00:00Z" : text);
            assertThat(WireTime.format(instant)).isEqualTo(CONTRACT.format(instant));
        }
        assertThat(WireTime.format(Instant.parse("2026-11-25T14:10:54.120Z"))).isEqualTo("2026-11-25T14:10:54.120Z");
    }
}
