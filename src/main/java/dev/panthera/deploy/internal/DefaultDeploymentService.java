package dev.panthera.deploy.internal;

import dev.panthera.agent.AgentService;
import dev.panthera.agent.AgentView;
import dev.panthera.deploy.DeploymentService;
import dev.panthera.deploy.DeploymentState;
import dev.panthera.deploy.spi.Resources;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.ownership.NftId;
import dev.panthera.ownership.OwnershipService;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** The deployment routes' logic: checks, the pending row, and the jobs that do the work. */
@Service
class DefaultDeploymentService implements DeploymentService {

    private final DeploymentRepository deployments;
    private final DeploymentTransitions transitions;
    private final DeployQueue queue;
    private final Providers providers;
    private final OwnershipService ownership;
    private final AgentService agents;
    private final DeployProperties properties;
    private final Clock clock;

    DefaultDeploymentService(
            DeploymentRepository deployments,
            DeploymentTransitions transitions,
            DeployQueue queue,
            Providers providers,
            OwnershipService ownership,
            AgentService agents,
            DeployProperties properties,
            Clock clock) {
        this.deployments = deployments;
        this.transitions = transitions;
        this.queue = queue;
        this.providers = providers;
        this.ownership = ownership;
        this.agents = agents;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public DeploymentView create(WalletPrincipal caller, DeployCommand command) {
        if (command.tokenId() == null || command.tokenId().isBlank()) {
            throw PantheraException.validation("nft_token_id is required");
        }
        NftId nft = ownership.nft(command.collection(), command.tokenId());
        String provider = command.provider() == null || command.provider().isBlank()
                ? properties.defaultProvider()
                : command.provider().strip();
        providers.require(provider);
        ownership.requireOwner(nft, caller.walletAddress());
        AgentView agent = agents.get(nft);
        Resources resources = ResourceRequests.resolve(
                command.resources(),
                agent.deployment() == null ? null : agent.deployment().resources());
        deployments.findActive(nft).ifPresent(DefaultDeploymentService::conflict);
        Instant now = clock.instant();
        DeploymentRecord d = new DeploymentRecord(
                UUID.randomUUID(),
                nft,
                agent.ownerAddress() == null ? caller.walletAddress() : agent.ownerAddress(),
                null,
                DeploymentState.PENDING,
                provider,
                null,
                resources,
                now,
                now,
                null,
                null,
                Map.of(),
                null,
                null,
                0,
                caller.walletAddress());
        try {
            deployments.insertCreated(d);
        } catch (DuplicateKeyException e) {
            // a concurrent request won the NFT's one active slot
            deployments.findActive(nft).ifPresent(DefaultDeploymentService::conflict);
            throw new PantheraException(ProblemCode.CONFLICT, "The NFT already has an active deployment");
        }
        transitions.cache(d);
        queue.now(DeployJobs.START, d.id());
        return view(d);
    }

    private static void conflict(DeploymentRecord active) {
        throw new PantheraException(
                ProblemCode.CONFLICT,
                "The NFT already has an active deployment " + active.id() + " ("
                        + active.status().id() + "); stop it first");
    }

    @Override
    public DeploymentView get(WalletPrincipal caller, UUID id) {
        return view(owned(caller, id));
    }

    @Override
    public List<DeploymentView> list(
            WalletPrincipal caller, DeploymentState status, String provider, int limit, int offset) {
        return deployments.list(caller.walletAddress(), status, provider, limit, offset).stream()
                .map(this::view)
                .toList();
    }

    @Override
    public DeploymentView stop(WalletPrincipal caller, UUID id) {
        DeploymentRecord d = owned(caller, id);
        requestStop(transitions, queue, d, "status_changed", Map.of("requested_by", caller.walletAddress()));
        return view(deployments.find(id).orElseThrow());
    }

    /**
     * Stops a deployment from wherever it is: a pending one stops at once (its start job finds it
     * stopped), a running one moves to stopping and the stop job finishes. Retries a lost race.
     */
    static void requestStop(
            DeploymentTransitions transitions,
            DeployQueue queue,
            DeploymentRecord d,
            String eventType,
            Map<String, ?> data) {
        DeploymentState state = d.status();
        for (int attempt = 0; attempt < 5 && !state.isFinal(); attempt++) {
            if (state == DeploymentState.STOPPING) {
                break;
            }
            DeploymentState to = state == DeploymentState.PENDING ? DeploymentState.STOPPED : DeploymentState.STOPPING;
            String type = to == DeploymentState.STOPPED && eventType.equals("status_changed") ? "stopped" : eventType;
            if (transitions.transition(d.id(), state, to, type, data)) {
                state = to;
                break;
            }
            state = transitions.currentState(d.id());
        }
        if (state == DeploymentState.STOPPING) {
            queue.now(DeployJobs.STOP, d.id());
        }
    }

    private DeploymentRecord owned(WalletPrincipal caller, UUID id) {
        return deployments
                .find(id)
                .filter(d -> d.ownerAddress().equalsIgnoreCase(caller.walletAddress())
                        || d.requestedBy().equalsIgnoreCase(caller.walletAddress()))
                .orElseThrow(() -> PantheraException.notFound("No deployment " + id));
    }

    DeploymentView view(DeploymentRecord d) {
        return new DeploymentView(
                d.id(),
                d.nft(),
                d.ownerAddress(),
                d.status(),
                d.provider(),
                d.endpointUrl(),
                d.resources(),
                HealthJson.read(d.health()),
                d.errorMessage(),
                d.restartCount(),
                d.startedAt(),
                d.createdAt(),
                d.updatedAt(),
                Providers.estimatedTime(d.provider()));
    }
}
