package io.convro.adapter.socketio;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;

/**
 * An event payload already written as JSON text: any Jackson mapper (netty-socketio's encoder included) writes it
 * as it is. A plain class with one string, so that with Redis it crosses nodes through Redisson's codec unchanged.
 */
final class RawJson implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String json;

    RawJson(String json) {
        this.json = json;
    }

    @JsonValue
    @JsonRawValue
    String json() {
        return json;
    }

    @Override
    public String toString() {
        return json;
    }
}
