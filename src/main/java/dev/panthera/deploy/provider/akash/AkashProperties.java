package dev.panthera.deploy.provider.akash;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code panthera.deploy.akash}: the Console API and what every agent's SDL asks for. {@code deposit}
 * is in US dollars (the managed wallet bills the Console account); {@code pricing} is the SDL's
 * maximum bid price per block in a chain denom (uact, uakt, uusdc or an ibc/ USDC denom).
 */
@ConfigurationProperties("panthera.deploy.akash")
record AkashProperties(
        boolean enabled,
        @DefaultValue("https://console-api.akash.network") URI apiUrl,
        String apiKey,
        @DefaultValue("5") BigDecimal deposit,
        @DefaultValue Pricing pricing,
        /** Used when the NFT metadata names no image. */
        String defaultImage,
        /** The port the agent listens on inside its container; exposed globally as 80. */
        @DefaultValue("8080") int port,
        /** The GPU vendor the SDL asks for when the agent needs a GPU. */
        @DefaultValue("nvidia") String gpuVendor,
        @DefaultValue("30s") Duration requestTimeout,
        /** How long deploy waits for a provider's bid before it closes the deployment and gives up. */
        @DefaultValue("90s") Duration bidWait,
        @DefaultValue("3s") Duration bidPollInterval) {

    record Pricing(
            @DefaultValue("uact") String denom,
            @DefaultValue("10000") long amount) {}

    /** Never prints the key: configuration is dumped by actuator and debuggers. */
    @Override
    public String toString() {
        return "AkashProperties[enabled=" + enabled + ", apiUrl=" + apiUrl + ", apiKey="
                + (apiKey == null || apiKey.isBlank() ? "<unset>" : "***") + ", deposit=" + deposit + ", pricing="
                + pricing + ", port=" + port + "]";
    }
}
