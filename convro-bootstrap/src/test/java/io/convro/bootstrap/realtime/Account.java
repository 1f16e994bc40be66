package io.convro.bootstrap.realtime;

import com.fasterxml.jackson.databind.JsonNode;

/** A user's device as registration or login returned it, with its tokens. */
record Account(long userId, String convroNumber, String deviceId, String accessToken, String refreshToken) {
    static Account from(JsonNode body) {
        return new Account(body.get("userId").asLong(), body.get("convroNumber").asText(), body.get("deviceId").asText(),
                body.get("accessToken").asText(), body.get("refreshToken").asText());
    }
}
