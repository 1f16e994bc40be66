package io.convro.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernameAndPasswordTest {
    @Test
    void usernamesCollideCaseInsensitivelyButKeepTheirSpelling() {
        Username registered = Username.parse("Sigmabo");
        assertThat(registered.value()).isEqualTo("Sigmabo");
        assertThat(registered.canonical()).isEqualTo(Username.parse("sigmabo").canonical());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "has space", "emoji😀x", "dash-name"})
    void malformedUsernamesAreRejected(String text) {
        assertThatThrownBy(() -> Username.parse(text))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_USERNAME));
    }

    @Test
    void passwordLengthIsChecked() {
        assertThatThrownBy(() -> Password.parse("1234567"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PASSWORD_TOO_SHORT));
        assertThatThrownBy(() -> Password.parse("x".repeat(1025)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PASSWORD_TOO_LONG));
        assertThat(Password.parse("12345678").toString()).doesNotContain("12345678");
    }

    @Test
    void fullNamesLongerThan128AreRejected() {
        assertThatThrownBy(() -> FullName.parse("x".repeat(129)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FULL_NAME));
    }
}
