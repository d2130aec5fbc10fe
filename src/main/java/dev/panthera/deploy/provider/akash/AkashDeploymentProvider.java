package dev.panthera.deploy.provider.akash;

import dev.panthera.deploy.spi.DeploymentProvider;
import dev.panthera.deploy.spi.DeploymentSpec;
import dev.panthera.deploy.spi.HealthReport;
import dev.panthera.deploy.spi.ProviderDeployment;
import dev.panthera.deploy.spi.ProviderException;
import dev.panthera.deploy.spi.ProviderStatus;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Agents on Akash through the Console managed wallet: create the deployment from the generated SDL,
 * wait for bids, lease the cheapest, then read readiness and URIs from the lease status. The
 * provider id is the deployment's dseq. No bid within {@code bid-wait} closes the deployment (so the
 * deposit comes back) and is retryable: bids depend on what the market has free at the moment.
 */
@Component
@ConditionalOnProperty(prefix = "panthera.deploy.akash", name = "enabled", havingValue = "true")
class AkashDeploymentProvider implements DeploymentProvider {

    private static final Logger log = LoggerFactory.getLogger(AkashDeploymentProvider.class);

    private final AkashProperties props;
    private final AkashConsoleClient console;
    /**
     * dseq per deployment id, so that a repeated deploy in this process re-applies instead of paying a
     * second deposit. Console can list deployments but not find one by our id, so a crash between
     * create and return can still leave one behind; it carries our slug as its name for cleanup.
     */
    private final Map<String, ProviderDeployment> applied = new ConcurrentHashMap<>();

    AkashDeploymentProvider(AkashProperties props) {
        this.props = props;
        this.console = new AkashConsoleClient(props.apiUrl(), props.apiKey(), props.requestTimeout());
    }

    @Override
    public String name() {
        return "akash";
    }

    @Override
    public ProviderDeployment deploy(DeploymentSpec spec) {
        String sdl = AkashSdl.render(spec, props);
        ProviderDeployment earlier = applied.get(spec.deploymentId().toString());
        if (earlier != null && status(earlier).phase() != ProviderStatus.Phase.GONE) {
            return earlier;
        }
        JsonNode created = console.createDeployment(sdl, props.deposit(), spec.slug());
        String dseq = created.path("dseq").asString("");
        String manifest = created.path("manifest").asString("");
        if (dseq.isBlank() || manifest.isBlank()) {
            throw new ProviderException("Akash Console created a deployment without dseq or manifest", true);
        }
        log.info("akash deployment {} created for {}", dseq, spec.slug());
        AkashBid bid = cheapestBid(dseq);
        JsonNode leased;
        try {
            leased = console.createLease(manifest, bid);
        } catch (ProviderException e) {
            closeQuietly(dseq);
            throw e;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("dseq", dseq);
        details.put("provider", bid.provider());
        details.put("gseq", Integer.toString(bid.gseq()));
        details.put("oseq", Integer.toString(bid.oseq()));
        details.put("price", bid.amount().toPlainString() + bid.denom());
        details.put("service", AkashSdl.SERVICE);
        ProviderDeployment deployment = new ProviderDeployment(dseq, AkashLeases.endpoint(leased), details);
        applied.put(spec.deploymentId().toString(), deployment);
        return deployment;
    }

    @Override
    public ProviderStatus status(ProviderDeployment deployment) {
        return console.deployment(deployment.providerId())
                .map(AkashLeases::status)
                .orElseGet(() -> new ProviderStatus(ProviderStatus.Phase.GONE, null, "Akash has no such deployment"));
    }

    /** Akash offers no metrics per lease: the probe is the lease status (replicas available). */
    @Override
    public HealthReport health(ProviderDeployment deployment) {
        long started = System.nanoTime();
        ProviderStatus status;
        try {
            status = status(deployment);
        } catch (ProviderException e) {
            return new HealthReport(false, Duration.ofNanos(System.nanoTime() - started), null, null, e.getMessage());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        boolean ready = status.phase() == ProviderStatus.Phase.READY;
        return new HealthReport(ready, took, null, null, ready ? null : status.phase() + ": " + status.message());
    }

    @Override
    public void stop(ProviderDeployment deployment) {
        boolean closed = console.closeDeployment(deployment.providerId());
        applied.values().removeIf(d -> d.providerId().equals(deployment.providerId()));
        log.info("akash deployment {} {}", deployment.providerId(), closed ? "closed" : "was already gone");
    }

    private AkashBid cheapestBid(String dseq) {
        long deadline = System.nanoTime() + props.bidWait().toNanos();
        while (true) {
            List<AkashBid> bids;
            try {
                bids = AkashBid.open(console.bids(dseq));
            } catch (ProviderException e) {
                closeQuietly(dseq);
                throw e;
            }
            if (!bids.isEmpty()) {
                return bids.stream().min(Comparator.comparing(AkashBid::amount)).orElseThrow();
            }
            if (System.nanoTime() >= deadline) {
                closeQuietly(dseq);
                throw new ProviderException(
                        "no Akash provider bid on deployment " + dseq + " within " + props.bidWait()
                                + "; the deployment was closed",
                        true);
            }
            sleep(props.bidPollInterval());
        }
    }

    private void closeQuietly(String dseq) {
        try {
            console.closeDeployment(dseq);
        } catch (ProviderException e) {
            log.warn("could not close akash deployment {}: {}", dseq, e.getMessage());
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted waiting for Akash bids", true, e);
        }
    }
}
