package io.convro.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.adapter.http.web.TrustedProxies;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    @Test
    void listedAddressesAndRangesAreTrusted() {
        TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", "192.0.2.7", "fd00::/8", "172.16.0.0/12"));
        assertThat(proxies.isTrusted("127.0.0.1")).as("loopback only for the direct peer (ClientAddress)").isFalse();
        assertThat(TrustedProxies.of(List.of("127.0.0.0/8")).isTrusted("127.0.0.1")).isTrue();
        assertThat(proxies.isTrusted("10.200.3.4")).isTrue();
        assertThat(proxies.isTrusted("192.0.2.7")).isTrue();
        assertThat(proxies.isTrusted("192.0.2.8")).isFalse();
        assertThat(proxies.isTrusted("172.31.255.255")).isTrue();
        assertThat(proxies.isTrusted("172.32.0.1")).isFalse();
        assertThat(proxies.isTrusted("fd12:3456::1")).isTrue();
        assertThat(proxies.isTrusted("fe80::1")).isFalse();
        assertThat(proxies.isTrusted("11.0.0.1")).isFalse();
        assertThat(proxies.isTrusted("proxy.example.com")).as("never a DNS look-up").isFalse();
        assertThat(proxies.isTrusted("unknown")).isFalse();
        assertThat(TrustedProxies.loopbackOnly().isTrusted("10.200.3.4")).isFalse();
    }

    @Test
    void anEntryThatIsNoAddressOrRangeIsRefusedByName() {
        for (String wrong : List.of("10.0.0.0/33", "example.com", "10.0.0/8", "fd00::/129", "10.0.0.0/x")) {
            assertThatThrownBy(() -> TrustedProxies.of(List.of(wrong))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(wrong);
        }
    }
}
