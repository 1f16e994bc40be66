package io.convro.adapter.socketio;

import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * netty-socketio's JSON writer, except that map entries whose value is {@code null} are written. Its mapper
 * leaves nulls out everywhere, but the wire contract spells them ({@code "readAt":null}). Convro's event
 * payloads are maps; netty-socketio's own packets are beans and keep their old behaviour.
 */
final class NullKeepingJsonSupport extends JacksonJsonSupport {
    @Override
    protected void init(ObjectMapper objectMapper) {
        super.init(objectMapper);
        objectMapper.configOverride(Map.class)
                .setInclude(JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS));
    }
}
