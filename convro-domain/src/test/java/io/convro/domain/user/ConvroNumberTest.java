package io.convro.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConvroNumberTest {
    @Property
    void everyIndexOfTheSpaceIsAValidNumber(@ForAll @IntRange(min = 0, max = 999_999) int index) {
        ConvroNumber number = ConvroNumber.ofIndex(index);
        assertThat(ConvroNumber.parse(number.value())).isEqualTo(number);
        assertThat(number.value()).matches("^\\+99[0-9]{6}$");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99123456", "+9912345", "+991234567", "+98123456", " +99123456", "+99l23456", ""})
    void malformedNumbersAreRejected(String text) {
        assertThatThrownBy(() -> ConvroNumber.parse(text))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONVRO_NUMBER));
    }
}
