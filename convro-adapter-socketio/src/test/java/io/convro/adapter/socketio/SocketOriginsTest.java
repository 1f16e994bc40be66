package io.convro.adapter.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SocketOriginsTest {
    private final SocketOrigins origins = new SocketOrigins(Set.of("https://app.example.com"));

    @Test
    void noOriginTheServersOwnAndListedOnesAreAllowed() {
        assertThat(origins.allows(null, "chat.example.org")).as("not a browser").isTrue();
        assertThat(origins.allows("https://app.example.com", "chat.example.org")).isTrue();
        assertThat(origins.allows("https://chat.example.org", "chat.example.org")).isTrue();
        assertThat(origins.allows("http://127.0.0.1:8080", "127.0.0.1:8080")).isTrue();
        assertThat(origins.allows("https://chat.example.org:8443", "chat.example.org")).as("a proxy passed $host").isTrue();
        assertThat(origins.allows("http://[::1]:8080", "[::1]:8080")).isTrue();
    }

    @Test
    void anyOtherPageIsRefused() {
        assertThat(origins.allows("https://elsewhere.example.net", "chat.example.org")).isFalse();
        assertThat(origins.allows("https://chat.example.org.evil.net", "chat.example.org")).isFalse();
        assertThat(origins.allows("http://127.0.0.1:9999", "127.0.0.1:8080")).isFalse();
        assertThat(origins.allows("https://app.example.com", null)).isTrue();
        assertThat(origins.allows("https://elsewhere.example.net", null)).isFalse();
        assertThat(origins.allows("null", "chat.example.org")).as("a sandboxed page").isFalse();
    }
}
