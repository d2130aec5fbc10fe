package dev.panthera.deploy.internal;

import dev.panthera.ownership.OwnershipTransferred;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A deployment runs for the wallet that asked for it: when the NFT changes hands the active
 * deployment is stopped with a {@code transferred} event naming both wallets. A failure is logged,
 * not thrown at the ownership module.
 */
@Component
class DeploymentTransferListener {

    private static final Logger log = LoggerFactory.getLogger(DeploymentTransferListener.class);

    private final DeploymentRepository deployments;
    private final DeploymentTransitions transitions;
    private final DeployQueue queue;

    DeploymentTransferListener(DeploymentRepository deployments, DeploymentTransitions transitions, DeployQueue queue) {
        this.deployments = deployments;
        this.transitions = transitions;
        this.queue = queue;
    }

    @EventListener
    void on(OwnershipTransferred event) {
        try {
            deployments.findActive(event.nft()).ifPresent(d -> {
                if (event.toAddress() != null && d.ownerAddress().equalsIgnoreCase(event.toAddress())) {
                    return; // already the new owner's
                }
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("from_address", event.fromAddress());
                data.put("to_address", event.toAddress());
                data.put("transaction_hash", event.transactionHash());
                DefaultDeploymentService.requestStop(transitions, queue, d, "transferred", data);
            });
        } catch (RuntimeException e) {
            log.warn("Deployment of {} not stopped after its transfer yet: {}", event.nft(), e.toString());
        }
    }
}
