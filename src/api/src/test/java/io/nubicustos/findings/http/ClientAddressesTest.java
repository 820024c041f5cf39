package io.nubicustos.findings.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    final ClientAddresses proxies = new ClientAddresses(List.of("10.0.0.0/8", "::1"));
    final ClientAddresses none = new ClientAddresses(List.of());

    @Test
    void forwardedForIsIgnoredFromUntrustedPeers() {
        assertThat(none.resolve("192.0.2.10", List.of("198.51.100.1"))).isEqualTo("192.0.2.10");
        assertThat(proxies.resolve("192.0.2.10", List.of("198.51.100.1"))).isEqualTo("192.0.2.10");
    }

    @Test
    void theRightMostUntrustedHopIsTheClient() {
        assertThat(proxies.resolve("10.1.2.3", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        // What the client wrote itself (left) cannot displace what the proxy appended (right).
        assertThat(proxies.resolve("10.1.2.3", List.of("6.6.6.6, 198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(proxies.resolve("10.1.2.3", List.of("198.51.100.1, 10.9.9.9"))).isEqualTo("198.51.100.1");
        assertThat(proxies.resolve("10.1.2.3", List.of("6.6.6.6", "198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(proxies.resolve("::1", List.of("2001:db8::7"))).isEqualTo("2001:db8::7");
    }

    @Test
    void garbageStopsTheWalk() {
        assertThat(proxies.resolve("10.1.2.3", List.of("evil.example.com, 198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(proxies.resolve("10.1.2.3", List.of("not-an-address"))).isEqualTo("10.1.2.3");
        assertThat(proxies.resolve("10.1.2.3", List.of("999.1.1.1"))).isEqualTo("10.1.2.3");
    }

    @Test
    void rangesParseStrictly() {
        assertThat(AddressRange.parse("10.0.0.0/8").contains("10.255.0.1")).isTrue();
        assertThat(AddressRange.parse("10.0.0.0/8").contains("11.0.0.1")).isFalse();
        assertThat(AddressRange.parse("192.168.1.0/25").contains("192.168.1.127")).isTrue();
        assertThat(AddressRange.parse("192.168.1.0/25").contains("192.168.1.128")).isFalse();
        assertThat(AddressRange.parse("2001:db8::/32").contains("2001:db8:1::1")).isTrue();
        assertThat(AddressRange.parse("2001:db8::/32").contains("10.0.0.1")).isFalse();
        assertThatThrownBy(() -> AddressRange.parse("proxy.internal")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }
}
