package io.convro.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Base64sTest {
    @Property
    void standardBase64RoundTrips(@ForAll @Size(max = 100) byte[] bytes) {
        String text = Base64.getEncoder().encodeToString(bytes);
        assertThat(Base64s.decodeStandard(text, ErrorCode.INVALID_IDENTITY_KEY, "k")).isEqualTo(bytes);
        assertThat(Base64s.decodeLenient(text, ErrorCode.INVALID_IDENTITY_KEY, "k")).isEqualTo(bytes);
    }

    @Property
    void lenientAcceptsUnpaddedBase64Url(@ForAll @Size(max = 100) byte[] bytes) {
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        assertThat(Base64s.decodeLenient(text, ErrorCode.INVALID_CIPHERTEXT, "c")).isEqualTo(bytes);
    }

    /** The grammar as the contract states it; the parser checks it character by character instead. */
    private static final Pattern STANDARD_GRAMMAR =
            Pattern.compile("^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$");
    private static final Pattern URL_UNPADDED_GRAMMAR = Pattern.compile("^[A-Za-z0-9_-]*={0,2}$");

    @Provide
    Arbitrary<String> base64ish() {
        return Arbitraries.strings().withChars("AZaz09+/-_=!. \u00e9\u20ac").ofMaxLength(12);
    }

    @Property(tries = 5000)
    void strictAcceptsExactlyTheStandardGrammar(@ForAll("base64ish") String text) {
        boolean accepted = accepts(() -> Base64s.decodeStandard(text, ErrorCode.INVALID_IDENTITY_KEY, "k"));
        assertThat(accepted).isEqualTo(STANDARD_GRAMMAR.matcher(text).matches());
    }

    @Property(tries = 5000)
    void lenientAcceptsTheStandardOrTheUrlGrammar(@ForAll("base64ish") String text) {
        String unpadded = text.replaceAll("={1,2}$", "");
        boolean url = URL_UNPADDED_GRAMMAR.matcher(text).matches() && unpadded.length() % 4 != 1;
        boolean accepted = accepts(() -> Base64s.decodeLenient(text, ErrorCode.INVALID_CIPHERTEXT, "c"));
        assertThat(accepted).isEqualTo(STANDARD_GRAMMAR.matcher(text).matches() || url);
    }

    private static boolean accepts(Runnable decode) {
        try {
            decode.run();
            return true;
        } catch (DomainException refused) {
            return false;
        }
    }

    @Test
    void strictRejectsUnpaddedAndUrlAlphabet() {
        assertThatThrownBy(() -> Base64s.decodeStandard("YQ", ErrorCode.INVALID_IDENTITY_KEY, "k"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_IDENTITY_KEY));
        assertThatThrownBy(() -> Base64s.decodeStandard("-_8=", ErrorCode.INVALID_IDENTITY_KEY, "k")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> Base64s.decodeLenient("a", ErrorCode.INVALID_CIPHERTEXT, "c")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> Base64s.decodeLenient("not base64!", ErrorCode.INVALID_CIPHERTEXT, "c")).isInstanceOf(DomainException.class);
    }

    @Test
    void wireTimeAlwaysHasThreeMillisecondDigits() {
        assertThat(WireTime.format(java.time.Instant.parse("2026-11-25T14:10:54.120Z"))).isEqualTo("2026-11-25T14:10:54.120Z");
        assertThat(WireTime.format(java.time.Instant.parse("2026-11-25T14:10:54Z"))).isEqualTo("2026-11-25T14:10:54.000Z");
    }
}
