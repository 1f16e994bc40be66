package io.convro.domain.session;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import org.junit.jupiter.api.Test;

class PendingSessionLimitsTest {
    private final PendingSessionLimits limits = new PendingSessionLimits(100, 5);

    @Test
    void aDeviceWithRoomTakesOneMore() {
        assertThatCode(() -> limits.checkRoomFor(99, 4)).doesNotThrowAnyException();
        assertThatCode(() -> limits.checkRoomFor(0, 0)).doesNotThrowAnyException();
    }

    @Test
    void oneInitiatorCannotTakeMoreThanItsShareOfAResponder() {
        assertThatThrownBy(() -> limits.checkRoomFor(5, 5)).isInstanceOf(DomainException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((DomainException) e).code())
                        .isEqualTo(ErrorCode.TOO_MANY_PENDING_SESSIONS));
    }

    @Test
    void aResponderWithAFullListTakesNoMoreFromAnyone() {
        assertThatThrownBy(() -> limits.checkRoomFor(100, 0)).isInstanceOf(DomainException.class)
                .hasMessageContaining("100 sessions waiting");
    }

    @Test
    void limitsMustBeConsistent() {
        assertThatThrownBy(() -> new PendingSessionLimits(5, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PendingSessionLimits(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
