package dev.panthera.deploy.provider.secretvm;

import dev.panthera.deploy.spi.DeploymentProvider;
import dev.panthera.deploy.spi.DeploymentSpec;
import dev.panthera.deploy.spi.HealthReport;
import dev.panthera.deploy.spi.ProviderDeployment;
import dev.panthera.deploy.spi.ProviderException;
import dev.panthera.deploy.spi.ProviderStatus;
import dev.panthera.deploy.spi.ProviderStatus.Phase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Agents in SecretVM confidential VMs: create a VM named after the deployment's slug from the
 * generated compose, poll it until it runs with a domain, then read its CPU attestation quote. A VM
 * is READY only once its attestation server has answered, and the quote (with the measurements it
 * claims) is kept in the deployment's details. Panthera does not verify the quote's signature.
 */
@Component
@ConditionalOnProperty(prefix = "panthera.deploy.secret-vm", name = "enabled", havingValue = "true")
class SecretVmDeploymentProvider implements DeploymentProvider {

    private static final Logger log = LoggerFactory.getLogger(SecretVmDeploymentProvider.class);
    private static final Set<String> RUNNING = Set.of("running", "active", "started");
    private static final Set<String> FAILED = Set.of("failed", "error", "stopped");
    private static final Set<String> GONE = Set.of("terminated", "deleted", "removed", "destroyed");

    private final SecretVmProperties props;
    private final SecretVmClient api;
    private final Clock clock;
    /** Attestation details per VM id, read once when the VM first turns ready. */
    private final Map<String, Map<String, String>> attestations = new ConcurrentHashMap<>();

    @Autowired
    SecretVmDeploymentProvider(SecretVmProperties props) {
        this(props, Clock.systemUTC());
    }

    SecretVmDeploymentProvider(SecretVmProperties props, Clock clock) {
        this.props = props;
        this.api = new SecretVmClient(props);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "secret_vm";
    }

    /** Re-applying finds the VM by its name (the slug) instead of paying for a second one. */
    @Override
    public ProviderDeployment deploy(DeploymentSpec spec) {
        String compose = SecretVmCompose.render(spec, props);
        for (JsonNode vm : api.instances()) {
            boolean ours = spec.slug().equals(vm.path("name").asString(""))
                    || spec.slug().equals(vm.path("nameFromUser").asString(""));
            if (ours && !GONE.contains(state(vm))) {
                return deployment(vm, spec.slug());
            }
        }
        JsonNode vm = api.createVm(spec.slug(), compose);
        if (vm.path("id").asString("").isBlank()) {
            throw new ProviderException("SecretVM created a VM without an id", true);
        }
        log.info("secretvm {} created for {}", vm.path("id").asString(), spec.slug());
        return deployment(vm, spec.slug());
    }

    @Override
    public ProviderStatus status(ProviderDeployment deployment) {
        return api.vm(deployment.providerId())
                .map(this::status)
                .orElseGet(() -> new ProviderStatus(Phase.GONE, null, "SecretVM has no such VM"));
    }

    /** The attestation read when the VM turned ready (empty before), for the deployment's details. */
    Map<String, String> attestation(String vmId) {
        return attestations.getOrDefault(vmId, Map.of());
    }

    /** SecretVM reports no metrics per VM: the probe is the portal's view of the VM. */
    @Override
    public HealthReport health(ProviderDeployment deployment) {
        long started = System.nanoTime();
        try {
            ProviderStatus status = status(deployment);
            boolean ready = status.phase() == Phase.READY;
            return new HealthReport(
                    ready, Duration.ofNanos(System.nanoTime() - started), null, null, ready ? null : status.message());
        } catch (ProviderException e) {
            return new HealthReport(false, Duration.ofNanos(System.nanoTime() - started), null, null, e.getMessage());
        }
    }

    @Override
    public void stop(ProviderDeployment deployment) {
        boolean terminated = api.terminate(deployment.providerId());
        attestations.remove(deployment.providerId());
        log.info("secretvm {} {}", deployment.providerId(), terminated ? "terminated" : "was already gone");
    }

    private ProviderStatus status(JsonNode vm) {
        String state = state(vm);
        String host = host(vm);
        if (GONE.contains(state)) {
            return new ProviderStatus(Phase.GONE, null, "the VM is " + state);
        }
        if (FAILED.contains(state)) {
            return new ProviderStatus(Phase.FAILED, null, "the VM is " + state);
        }
        if (!RUNNING.contains(state) || host == null) {
            return new ProviderStatus(Phase.STARTING, null, "the VM is " + (state.isBlank() ? "starting" : state));
        }
        String id = vm.path("id").asString();
        try {
            attestations.computeIfAbsent(id, k -> attest(host));
        } catch (ProviderException e) {
            return new ProviderStatus(Phase.STARTING, null, "attestation not available yet: " + e.getMessage());
        }
        // the quote goes with the ready status, so the deployment keeps it in its provider details
        return new ProviderStatus(Phase.READY, endpoint(host), null, attestations.get(id));
    }

    private Map<String, String> attest(String host) {
        SecretVmClient.Quote quote = api.cpuQuote(host);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("attestation_quote", quote.text());
        details.put("attestation_fetched_at", Instant.now(clock).toString());
        TdxQuote.parse(quote.text())
                .ifPresentOrElse(
                        tdx -> {
                            details.put("attestation_tee", "tdx");
                            details.put("attestation_mrtd", TdxQuote.hex(tdx.mrTd()));
                            details.put("attestation_rtmr3", TdxQuote.hex(tdx.rtmr()[3]));
                            details.put("attestation_report_data", TdxQuote.hex(tdx.reportData()));
                            details.put(
                                    "attestation_tls_binding",
                                    quote.tlsCertificate() == null
                                            ? "not_checked"
                                            : tdx.boundTo(quote.tlsCertificate()) ? "match" : "mismatch");
                        },
                        () -> details.put("attestation_tee", "unparsed"));
        return details;
    }

    private ProviderDeployment deployment(JsonNode vm, String slug) {
        String id = vm.path("id").asString();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("vm_id", id);
        details.put("vm_name", slug);
        details.put("vm_type", props.vmType());
        details.put("platform", props.platform());
        String host = host(vm);
        if (host != null) {
            details.put("vm_domain", host);
        }
        details.putAll(attestation(id));
        String endpoint = host != null && RUNNING.contains(state(vm)) ? endpoint(host) : null;
        return new ProviderDeployment(id, endpoint, details);
    }

    private String endpoint(String host) {
        return "https://" + host + ":" + props.port();
    }

    private static String state(JsonNode vm) {
        return vm.path("status").asString("").strip().toLowerCase(Locale.ROOT);
    }

    private static String host(JsonNode vm) {
        String domain = vm.path("vmDomain").asString("");
        String ip = vm.path("ip_address").asString("");
        return !domain.isBlank() ? domain : ip.isBlank() ? null : ip;
    }
}
