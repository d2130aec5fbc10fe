package dev.panthera.identity.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientIpTest {

    private static MockHttpServletRequest from(String remote, String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/models");
        request.setRemoteAddr(remote);
        for (String header : forwardedFor) {
            request.addHeader("X-Forwarded-For", header);
        }
        return request;
    }

    @Test
    void withoutTrustedProxiesTheSocketPeerIsTheClient() {
        assertThat(ClientIp.resolve(from("203.0.113.5", "1.2.3.4"), List.of())).isEqualTo("203.0.113.5");
    }

    @Test
    void spoofedForwardedForFromAnUntrustedPeerIsIgnored() {
        var ip = ClientIp.trusting(List.of("10.0.0.0/8"));
        assertThat(ip.resolve(from("198.51.100.7", "10.0.0.1, 1.2.3.4"))).isEqualTo("198.51.100.7");
    }

    @Test
    void trustedProxyChainIsWalkedFromTheRight() {
        var ip = ClientIp.trusting(List.of("10.0.0.0/8", "192.0.2.10"));
        assertThat(ip.resolve(from("10.0.0.2", "198.51.100.7, 192.0.2.10"))).isEqualTo("198.51.100.7");
        // a client that prepends a fake address is still found by its real one
        assertThat(ip.resolve(from("10.0.0.2", "6.6.6.6, 198.51.100.7"))).isEqualTo("198.51.100.7");
        // several headers form one list
        assertThat(ip.resolve(from("10.0.0.2", "198.51.100.8", "10.1.2.3"))).isEqualTo("198.51.100.8");
    }

    @Test
    void allHopsTrustedGivesTheLeftmostAndGarbageStopsTheWalk() {
        var ip = ClientIp.trusting(List.of("10.0.0.0/8"));
        assertThat(ip.resolve(from("10.0.0.2", "10.9.9.9, 10.0.0.3"))).isEqualTo("10.9.9.9");
        assertThat(ip.resolve(from("10.0.0.2", "evil.example, 10.0.0.3"))).isEqualTo("10.0.0.3");
        assertThat(ip.resolve(from("10.0.0.2"))).isEqualTo("10.0.0.2");
    }

    @Test
    void cidrPrefixesMatchExactly() {
        var ip = ClientIp.trusting(List.of("172.16.0.0/12", "192.0.2.128/25"));
        assertThat(ip.isTrusted(ClientIp.parseLiteral("172.31.255.255"))).isTrue();
        assertThat(ip.isTrusted(ClientIp.parseLiteral("172.32.0.0"))).isFalse();
        assertThat(ip.isTrusted(ClientIp.parseLiteral("172.15.255.255"))).isFalse();
        assertThat(ip.isTrusted(ClientIp.parseLiteral("192.0.2.200"))).isTrue();
        assertThat(ip.isTrusted(ClientIp.parseLiteral("192.0.2.127"))).isFalse();
        assertThat(ClientIp.trusting(List.of("0.0.0.0/0")).isTrusted(ClientIp.parseLiteral("8.8.8.8")))
                .isTrue();
    }

    @Test
    void ipv6PeersProxiesAndPorts() {
        var ip = ClientIp.trusting(List.of("2001:db8::/32", "::1"));
        assertThat(ip.resolve(from("::1", "[2a00:1450::5]:443"))).isEqualTo("2a00:1450:0:0:0:0:0:5");
        assertThat(ip.resolve(from("2001:db8:1::9", "2a00:1450::6, 2001:db8:ffff::1")))
                .isEqualTo("2a00:1450:0:0:0:0:0:6");
        assertThat(ip.resolve(from("2a00:1450::7", "2001:db8::2"))).isEqualTo("2a00:1450:0:0:0:0:0:7");
        assertThat(ip.isTrusted(ClientIp.parseLiteral("2001:db9::1"))).isFalse();
        // a v4 proxy seen through a dual-stack socket as ::ffff:a.b.c.d is still the v4 proxy
        var v4 = ClientIp.trusting(List.of("10.0.0.0/8"));
        assertThat(v4.resolve(from("::ffff:10.0.0.2", "203.0.113.9:5555"))).isEqualTo("203.0.113.9");
    }

    @Test
    void onlyLiteralsAreParsedNeverHostNames() {
        assertThat(ClientIp.parseLiteral("localhost")).isNull();
        assertThat(ClientIp.parseLiteral("example.com")).isNull();
        assertThat(ClientIp.parseLiteral("deadbeef")).isNull();
        assertThat(ClientIp.parseLiteral(".:")).isNull();
        assertThat(ClientIp.parseLiteral("300.1.1.1")).isNull();
        assertThat(ClientIp.parseLiteral("unknown")).isNull();
        assertThat(ClientIp.parseLiteral("fe80::1%eth0")).isNotNull();
    }

    @Test
    void badProxyEntriesFailFast() {
        assertThatThrownBy(() -> ClientIp.trusting(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> ClientIp.trusting(List.of("proxy.internal"))).hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> ClientIp.trusting(List.of("fd00::/129"))).isInstanceOf(IllegalArgumentException.class);
    }
}
