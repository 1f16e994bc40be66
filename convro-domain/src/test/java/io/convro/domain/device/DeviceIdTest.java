package io.convro.domain.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class DeviceIdTest {
    @Property
    void anySixteenHexDigitsParseToTheirLowercaseForm(
            @ForAll @StringLength(16) @CharRange(from = '0', to = '9') @CharRange(from = 'a', to = 'f') @CharRange(from = 'A', to = 'F') String text) {
        assertThat(DeviceId.parse(text).value()).isEqualTo(text.toLowerCase());
    }

    @Property
    void anyOtherLengthIsRejected(@ForAll @StringLength(max = 40) @Chars({'0', 'a', 'F'}) String text) {
        if (text.length() == 16) {
            return;
        }
        assertThatThrownBy(() -> DeviceId.parse(text))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DEVICE_ID));
    }

    @Test
    void nonHexCharactersAreRejected() {
        assertThatThrownBy(() -> DeviceId.parse("2baacb2f815cd54g")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> DeviceId.parse(null)).isInstanceOf(DomainException.class);
    }

    @Test
    void randomIdsAreValidAndDistinct() {
        SplittableRandom random = new SplittableRandom(1);
        assertThat(DeviceId.random(random)).isNotEqualTo(DeviceId.random(random));
        assertThat(DeviceId.random(random).value()).hasSize(16);
    }

    @Test
    void platformsParseTheirWireNamesAndDefaultToUnknown() {
        assertThat(Platform.parse("ios")).isEqualTo(Platform.IOS);
        assertThat(Platform.parse(null)).isEqualTo(Platform.UNKNOWN);
        assertThatThrownBy(() -> Platform.parse("blackberry"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PLATFORM));
    }

    @Test
    void labelsLongerThan128AreRejected() {
        assertThat(DeviceLabel.parse("x".repeat(128)).value()).hasSize(128);
        assertThatThrownBy(() -> DeviceLabel.parse("x".repeat(129)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DEVICE_LABEL));
    }
}
