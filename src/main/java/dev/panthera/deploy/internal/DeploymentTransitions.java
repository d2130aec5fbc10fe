package dev.panthera.deploy.internal;

import dev.panthera.deploy.DeploymentState;
import dev.panthera.deploy.DeploymentStateChanged;
import dev.panthera.shared.EphemeralStore;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place a deployment changes state. A move the state machine forbids is refused ({@code
 * CONFLICT}); an allowed one is a compare-and-set on the status, so of two racing movers one wins
 * and the other learns it lost ({@code false}) with nothing changed. The event row is written in the
 * same transaction, which also publishes {@link DeploymentStateChanged}; the seed 000 status cache
 * is refreshed after commit.
 */
@Component
class DeploymentTransitions {

    static final Duration CACHE_TTL = Duration.ofSeconds(300);

    private final DeploymentRepository deployments;
    private final EphemeralStore cache;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    DeploymentTransitions(
            DeploymentRepository deployments,
            EphemeralStore cache,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.deployments = deployments;
        this.cache = cache;
        this.events = events;
        // callers may be inside another module's transaction (a transfer): ours stands alone
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * Moves the deployment from {@code from} to {@code to}, recording {@code eventType} with {@code
     * data} (its {@code error} entry becomes the deployment's error message). True when applied;
     * false when the deployment was no longer in {@code from}.
     */
    boolean transition(UUID id, DeploymentState from, DeploymentState to, String eventType, Map<String, ?> data) {
        if (!from.canMoveTo(to)) {
            throw new PantheraException(
                    ProblemCode.CONFLICT, "A deployment cannot move from " + from.id() + " to " + to.id());
        }
        Map<String, Object> eventData = new LinkedHashMap<>(data == null ? Map.of() : data);
        String error = eventData.get("error") instanceof String e ? e : null;
        Instant now = clock.instant();
        DeploymentRecord moved = transaction.execute(status -> {
            if (!deployments.moveStatus(id, from, to, error, now)) {
                return null;
            }
            deployments.insertEvent(id, eventType, from, to, eventData, now);
            DeploymentRecord d = deployments.find(id).orElseThrow();
            events.publishEvent(new DeploymentStateChanged(
                    id, d.nft(), d.ownerAddress(), from, to, d.endpointUrl(), d.errorMessage(), now));
            return d;
        });
        if (moved == null) {
            return false;
        }
        cache(moved);
        return true;
    }

    /** The state as stored now (after a lost race). */
    DeploymentState currentState(UUID id) {
        return deployments.find(id).map(DeploymentRecord::status).orElseThrow();
    }

    /** Writes the seed 000 {@code deployment:{id}} status object (300 s). */
    void cache(DeploymentRecord d) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("deployment_id", d.id().toString());
        status.put("status", d.status().id());
        status.put("provider", d.provider());
        status.put("endpoint_url", d.endpointUrl());
        status.put("error", d.errorMessage());
        status.put("updated_at", d.updatedAt().toString());
        cache.put(cacheKey(d.id()), DeploymentRepository.JSON.writeValueAsString(status), CACHE_TTL);
    }

    static String cacheKey(UUID id) {
        return "deployment:" + id;
    }
}
