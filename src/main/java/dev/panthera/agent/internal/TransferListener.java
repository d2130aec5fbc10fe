package dev.panthera.agent.internal;

import dev.panthera.ownership.OwnershipTransferred;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The agent follows its NFT: a transfer sets the new owner and writes a {@code transfer} version,
 * keeping the settings and persona. Agents not created yet need nothing (they start with the
 * chain's owner), and a failure here is logged, not thrown at the ownership module: the next
 * access to the agent compares owners again and catches up.
 */
@Component
class TransferListener {

    private static final Logger log = LoggerFactory.getLogger(TransferListener.class);

    private final AgentRepository agents;
    private final AgentProvisioner provisioner;
    private final TransactionTemplate ownTransaction;

    TransferListener(AgentRepository agents, AgentProvisioner provisioner, PlatformTransactionManager transactions) {
        this.agents = agents;
        this.provisioner = provisioner;
        // the event may arrive inside the ownership module's transaction: a failure here must not
        // mark that one rollback-only
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener
    void on(OwnershipTransferred event) {
        if (event.toAddress() == null || event.toAddress().isBlank()) {
            return;
        }
        try {
            ownTransaction.executeWithoutResult(status -> agents.find(event.nft())
                    .ifPresent(agent -> provisioner.followOwner(agent, event.toAddress(), null)));
        } catch (RuntimeException e) {
            log.warn("Agent of {} did not follow its transfer yet: {}", event.nft(), e.toString());
        }
    }
}
