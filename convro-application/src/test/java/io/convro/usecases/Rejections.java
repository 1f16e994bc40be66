package io.convro.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.util.EnumSet;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts a rejection by its stable code, and remembers which codes the tests have seen. */
final class Rejections {
    private static final Set<ErrorCode> SEEN = EnumSet.noneOf(ErrorCode.class);

    private Rejections() {
    }

    static DomainException expect(ErrorCode code, ThrowingCallable call) {
        DomainException[] caught = new DomainException[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            caught[0] = e;
        });
        synchronized (SEEN) {
            SEEN.add(code);
        }
        return caught[0];
    }

    static Set<ErrorCode> seen() {
        synchronized (SEEN) {
            return EnumSet.copyOf(SEEN.isEmpty() ? EnumSet.noneOf(ErrorCode.class) : SEEN);
        }
    }
}
