package io.convro.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
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
