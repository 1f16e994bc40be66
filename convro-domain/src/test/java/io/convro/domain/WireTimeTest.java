package io.convro.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
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

    /** Text shaped like the wire format, its digits anything: month 13, day 31 in April, hour 24, February 29ths. */
    @Provide
    Arbitrary<String> wireShaped() {
        Arbitrary<String> digit = Arbitraries.strings().withChars("0123456789").ofLength(1);
        Arbitrary<String> twoDigits = Arbitraries.oneOf(Arbitraries.integers().between(0, 39).map(n -> String.format("%02d", n)),
                Arbitraries.strings().withChars("0123456789x ").ofLength(2));
        Arbitrary<String> year = Arbitraries.oneOf(Arbitraries.integers().between(0, 9999).map(n -> String.format("%04d", n)),
                Arbitraries.of("2024", "2100", "2000", "1900"));
        return Combinators.combine(year, twoDigits, twoDigits, twoDigits, twoDigits, twoDigits,
                        digit.list().ofSize(3).map(d -> String.join("", d)), Arbitraries.of("Z", "z", "+"))
                .as((y, mo, d, h, mi, s, ms, zone) -> y + "-" + mo + "-" + d + "T" + h + ":" + mi + ":" + s + "." + ms + zone);
    }

    @Property(tries = 5000)
    void readsExactlyWhatTheGeneralParserReadsOrLeavesItToIt(@ForAll("wireShaped") String text) {
        Instant exact = WireTime.parseExact(text);
        Instant general;
        try {
            general = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException refused) {
            general = null;
        }
        if (exact != null) {
            assertThat(exact).isEqualTo(general);
        } else {
            // only text the general parser refuses, or that is not in the wire's exact form, is left to it
            assertThat(general == null || !text.endsWith("Z")).as("%s was left to the general parser", text).isTrue();
        }
    }

    @Property(tries = 2000)
    void readsWhatItWrites(@ForAll @LongRange(min = -62_167_219_200_000L, max = 253_402_300_799_999L) long millis) {
        Instant instant = Instant.ofEpochMilli(millis);
        assertThat(WireTime.parseExact(WireTime.format(instant))).isEqualTo(instant);
    }

    @Test
    void leavesEveryOtherFormToTheGeneralParser() {
        for (String text : new String[] {"2026-11-25T14:10:54Z", "2026-11-25T14:10:54.12Z", "2026-11-25T14:10:54.120+00:00",
                "2026-11-25T14:10:54.120z", "2026-02-30T00:00:00.000Z", "+2026-11-25T14:10:54.120", "", "2026-11-25 14:10:54.120Z"}) {
            assertThat(WireTime.parseExact(text)).as(text).isNull();
        }
        assertThat(WireTime.parseExact(null)).isNull();
    }
}
