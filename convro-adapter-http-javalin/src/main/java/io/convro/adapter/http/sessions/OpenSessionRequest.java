package io.convro.adapter.http.sessions;

import static io.convro.adapter.http.validation.WireValue.PEER_USER_ID;

import com.fasterxml.jackson.databind.JsonNode;
import io.convro.adapter.http.validation.DomainValue;
import io.convro.adapter.http.web.RequestBodies;
import io.convro.application.sessions.OpenSessionCommand;
import io.convro.application.shared.Caller;
import io.convro.domain.session.HandshakeOffer;
import io.convro.domain.user.UserId;

/**
 * Body of {@code POST /v1/dm/sessions/open}. The offer is read as a JSON tree, not a record: the server
 * keeps it verbatim, fields it does not know included, and the domain checks the fields it relies on.
 */
record OpenSessionRequest(@DomainValue(value = PEER_USER_ID, required = true) Long peerUserId,
                          JsonNode handshakeOffer) {

    /** {@code offerText}: the offer exactly as the client sent it (whitespace, number spelling and all). */
    OpenSessionCommand toCommand(Caller caller, RequestBodies bodies, String offerText) {
        RequestBodies.VerbatimObject offer = bodies.verbatim(handshakeOffer, "handshakeOffer", offerText);
        HandshakeOffer parsed = offer == null ? HandshakeOffer.parse(null, null) : HandshakeOffer.parse(offer.fields(), offer.json());
        return new OpenSessionCommand(caller, UserId.of(peerUserId), parsed);
    }
}
