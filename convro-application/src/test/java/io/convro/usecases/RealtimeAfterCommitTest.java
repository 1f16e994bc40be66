package io.convro.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.application.messages.HistoryCursor;
import io.convro.application.messages.HistoryQuery;
import io.convro.application.messages.Messages;
import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.sessions.OpenedSession;
import io.convro.application.shared.Caller;
import io.convro.domain.message.DmMessage;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** Realtime is a consequence of a commit: a send whose transaction fails stores nothing and wakes no one. */
class RealtimeAfterCommitTest {
    private static final class CommitFailure extends RuntimeException {
        CommitFailure() {
            super("the database went away after the insert");
        }
    }

    /**
     * Messages whose insert succeeds and then the transaction fails, as when the commit is lost; the send path's
     * own atomic insert loses its commit too (so it stores nothing).
     */
    private static Messages failingAfterInsert(Messages real) {
        return (Messages) Proxy.newProxyInstance(Messages.class.getClassLoader(), new Class<?>[] {Messages.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("storeIfSessionActive")) {
                        throw new CommitFailure();
                    }
                    Object result = method.invoke(real, args);
                    if (method.getName().equals("insert") && result instanceof DmMessage) {
                        throw new CommitFailure();
                    }
                    return result;
                });
    }

    @Test
    void aSendWhoseTransactionFailedEmitsNothingAndStoresNothing() {
        boolean[] failing = {false};
        TestConvro convro = new TestConvro(real -> {
            Messages broken = failingAfterInsert(real);
            return (Messages) Proxy.newProxyInstance(Messages.class.getClassLoader(), new Class<?>[] {Messages.class},
                    (proxy, method, args) -> method.invoke(failing[0] ? broken : real, args));
        }, null);
        Caller alice = convro.caller(convro.register("alice"));
        Caller bob = convro.caller(convro.register("bob"));
        OpenedSession session = convro.activeSession(alice, bob);
        convro.realtime.clear();

        failing[0] = true;
        assertThatThrownBy(() -> convro.send(alice, bob, session.sessionId())).hasRootCauseInstanceOf(CommitFailure.class);

        assertThat(convro.realtime.eventsFor(bob.deviceId(), RealtimeEvent.MessageReceived.class)).isEmpty();
        failing[0] = false;
        assertThat(convro.app.history().history(new HistoryQuery(bob, session.sessionId(), new HistoryCursor.Latest(), 10))
                .messages()).isEmpty();
        convro.send(alice, bob, session.sessionId());
        assertThat(convro.realtime.eventsFor(bob.deviceId(), RealtimeEvent.MessageReceived.class)).hasSize(1);
    }
}
