package dev.panthera.deploy.provider.secretvm;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code panthera.deploy.secret-vm}: the SecretAI portal API and the VM every agent gets. {@code
 * attestation-url} is where a VM's CPU quote is read, {@code {host}} being its domain (or IP).
 */
@ConfigurationProperties("panthera.deploy.secret-vm")
record SecretVmProperties(
        boolean enabled,
        @DefaultValue("https://secretai.scrtlabs.com") URI apiUrl,
        String apiKey,
        /** The portal's vmTypeId: small | medium | large … */
        @DefaultValue("small") String vmType,
        /** tdx (Intel TDX, the portal's default) or sev (AMD SEV-SNP). */
        @DefaultValue("tdx") String platform,
        /** Used when the NFT metadata names no image. */
        String defaultImage,
        /** The port the agent listens on, published on the VM. */
        @DefaultValue("8080") int port,
        @DefaultValue("https://{host}:29343/cpu") String attestationUrl,
        @DefaultValue("30s") Duration requestTimeout) {

    /** Never prints the key: configuration is dumped by actuator and debuggers. */
    @Override
    public String toString() {
        return "SecretVmProperties[enabled=" + enabled + ", apiUrl=" + apiUrl + ", apiKey="
                + (apiKey == null || apiKey.isBlank() ? "<unset>" : "***") + ", vmType=" + vmType + ", platform="
                + platform + ", port=" + port + "]";
    }
}
