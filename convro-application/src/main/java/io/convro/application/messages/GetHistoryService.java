package io.convro.application.messages;

import io.convro.application.sessions.Sessions;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.session.DmSession;

/** One keyset page of a session's history for one of its two devices, bounded in messages and in bytes. */
public final class GetHistoryService implements GetHistoryUseCase {
    private final Sessions sessions;
    private final Messages messages;

    public GetHistoryService(Sessions sessions, Messages messages) {
        this.sessions = sessions;
        this.messages = messages;
    }

    @Override
    public HistoryPage history(HistoryQuery query) {
        DmSession session = sessions.findBySessionId(query.sessionId())
                .filter(found -> found.hasMember(query.caller().deviceId()))
                .orElseThrow(() -> new DomainException(ErrorCode.SESSION_NOT_FOUND, "no such session for this device", "sessionId"));
        return messages.page(session.id(), query.cursor(), query.limit(), HistoryQuery.MAX_PAGE_CIPHERTEXT_BYTES);
    }
}
