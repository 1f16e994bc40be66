package io.convro.adapter.http.sessions;

import static io.convro.adapter.http.validation.WireValue.SESSION_DB_ID;

import io.convro.adapter.http.validation.DomainValue;
import io.convro.application.sessions.AcceptSessionCommand;
import io.convro.application.shared.Caller;
import io.convro.domain.session.SessionDbId;

/** Body of {@code POST /v1/dm/sessions/accept}. */
record AcceptSessionRequest(@DomainValue(value = SESSION_DB_ID, required = true) Long sessionDbId) {
    AcceptSessionCommand toCommand(Caller caller) {
        return new AcceptSessionCommand(caller, new SessionDbId(sessionDbId));
    }
}
