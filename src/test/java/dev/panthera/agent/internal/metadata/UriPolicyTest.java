package dev.panthera.agent.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Token URIs are chosen by minters: they must not reach Panthera's own network. */
class UriPolicyTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/meta.json",
                "https://localhost/meta.json",
                "https://10.1.2.3/meta.json",
                "https://172.16.0.9/meta.json",
                "https://192.168.1.1/meta.json",
                "https://169.254.169.254/latest/meta-data/",
                "https://100.64.0.1/meta.json",
                "https://0.0.0.0/meta.json",
                "https://[::1]/meta.json",
                "https://[fd00::1]/meta.json",
                "https://[fe80::1]/meta.json"
            })
    void httpsToPrivateOrLocalAddressesIsRefused(String uri) {
        assertThatThrownBy(() -> UriPolicy.check(URI.create(uri), null))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("private or local");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://10.0.0.1/x", "https://169.254.169.254/x"})
    void aRedirectIntoThePrivateNetworkIsRefusedToo(String target) {
        assertThatThrownBy(() -> UriPolicy.check(URI.create(target), URI.create("https://example.org/meta.json")))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("redirect refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "93.184.216.34"})
    void publicAddressesArePublic(String ip) throws Exception {
        assertThat(UriPolicy.isPublic(InetAddress.getByName(ip))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://203.0.113.5/meta.json", "https://[2606:4700:4700::1111]/meta.json"})
    void httpsToPublicAddressesIsAllowed(String uri) {
        assertThat(UriPolicy.check(URI.create(uri), null)).isEqualTo(URI.create(uri));
    }

    @org.junit.jupiter.api.Test
    void theOperatorsOwnGatewayMayBeInternalAndNeedsNoLookup() {
        URI gateway = URI.create("https://ipfs.internal.invalid/ipfs/bafy");
        assertThat(UriPolicy.check(gateway, null, "ipfs.internal.invalid")).isEqualTo(gateway);
        assertThatThrownBy(() -> UriPolicy.check(gateway, null))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("cannot be resolved");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/ipfs/x", "http://localhost:9000/meta.json"})
    void plainHttpStaysAllowedToThisMachineOnly(String uri) {
        assertThat(UriPolicy.check(URI.create(uri), null)).isEqualTo(URI.create(uri));
        assertThatThrownBy(() -> UriPolicy.check(URI.create("http://203.0.113.5/meta.json"), null))
                .isInstanceOf(MetadataException.class);
    }
}
