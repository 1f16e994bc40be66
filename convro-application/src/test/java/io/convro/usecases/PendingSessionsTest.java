package io.convro.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.application.sessions.AcceptSessionCommand;
import io.convro.application.sessions.IncomingSession;
import io.convro.application.sessions.IncomingSessionsPage;
import io.convro.application.sessions.IncomingSessionsQuery;
import io.convro.application.sessions.OpenedSession;
import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.session.PendingSessionLimits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What one device can leave waiting for another, and how the waiting list is read. */
class PendingSessionsTest {
    private final TestConvro convro = new TestConvro();
    private final Caller bob = convro.caller(convro.register(null));

    @Test
    void oneInitiatorCanLeaveOnlyAFewSessionsWaitingForADevice() {
        Caller mallory = convro.caller(convro.register(null));
        for (int i = 0; i < PendingSessionLimits.DEFAULT.perInitiator(); i++) {
            convro.open(mallory, bob);
        }
        assertThatThrownBy(() -> convro.open(mallory, bob)).isInstanceOfSatisfying(DomainException.class,
                refused -> assertThat(refused.code()).isEqualTo(ErrorCode.TOO_MANY_PENDING_SESSIONS));
        // someone else still gets through, and accepting one makes room again
        Caller alice = convro.caller(convro.register(null));
        convro.open(alice, bob);
        IncomingSession first = convro.app.incomingSessions().incoming(IncomingSessionsQuery.first(bob)).sessions().get(0);
        convro.app.acceptSession().accept(new AcceptSessionCommand(bob, first.sessionDbId()));
        convro.open(mallory, bob);
    }

    @Test
    void aDeviceTakesNoMoreThanItsLimitFromEveryoneTogether() {
        int limit = PendingSessionLimits.DEFAULT.perResponder();
        for (int opened = 0; opened < limit; ) {
            Caller stranger = convro.caller(convro.register(null));
            for (int i = 0; i < PendingSessionLimits.DEFAULT.perInitiator() && opened < limit; i++, opened++) {
                convro.open(stranger, bob);
            }
        }
        Caller late = convro.caller(convro.register(null));
        assertThatThrownBy(() -> convro.open(late, bob)).isInstanceOfSatisfying(DomainException.class,
                refused -> assertThat(refused.code()).isEqualTo(ErrorCode.TOO_MANY_PENDING_SESSIONS));
    }

    @Test
    void theWaitingListIsReadAPageAtATimeOldestFirst() {
        List<OpenedSession> opened = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            opened.add(convro.open(convro.caller(convro.register(null)), bob));
        }
        List<Long> seen = new ArrayList<>();
        long after = 0;
        int pages = 0;
        IncomingSessionsPage page;
        do {
            page = convro.app.incomingSessions().incoming(new IncomingSessionsQuery(bob, after, 3));
            page.sessions().forEach(session -> seen.add(session.sessionDbId().value()));
            after = page.sessions().get(page.sessions().size() - 1).sessionDbId().value();
            pages++;
        } while (page.hasMore());
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(opened.stream().map(session -> session.sessionDbId().value()).toList());
    }

    @Test
    void aPageSizeOutsideOneToAHundredIsAnInvalidQuery() {
        for (int limit : new int[] {0, 101}) {
            assertThatThrownBy(() -> new IncomingSessionsQuery(bob, 0, limit)).isInstanceOfSatisfying(DomainException.class,
                    refused -> assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_QUERY));
        }
    }
}
