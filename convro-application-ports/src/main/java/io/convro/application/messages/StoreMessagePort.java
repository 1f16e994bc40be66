package io.convro.application.messages;

import io.convro.domain.message.DmMessage;
import java.util.concurrent.CompletionStage;

/** Out-port: stores one direct message, with the one check a copy of its session read earlier cannot make. */
public interface StoreMessagePort {
    /**
     * Store {@code message} if its session is ACTIVE at that moment, checked and written in one atomic step of the
     * store's own (never part of a caller's transaction: calling it inside one is a bug). The stage completes once
     * the store has decided, with {@link StoreMessageOutcome.NotActive} when the session is not ACTIVE, else
     * {@link StoreMessageOutcome.DuplicateOf} the original when the sender device already used the key (sender
     * device, clientMessageId, recipient device), else {@link StoreMessageOutcome.Stored} once the message is durably
     * stored, with its id. Only a store that cannot answer completes it exceptionally ({@code SERVICE_UNAVAILABLE}
     * and the like). Concurrent calls may be written together, and the stage may complete on a thread of the store's
     * own: what follows it must not block.
     */
    CompletionStage<StoreMessageOutcome> storeIfSessionActive(DmMessage message);
}
