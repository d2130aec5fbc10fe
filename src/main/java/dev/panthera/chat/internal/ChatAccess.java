package dev.panthera.chat.internal;

import dev.panthera.agent.AgentService;
import dev.panthera.agent.AgentStatus;
import dev.panthera.agent.AgentView;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.ownership.NftId;
import dev.panthera.ownership.OwnershipService;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import org.springframework.stereotype.Component;

/**
 * Who may talk to an agent, asked on every call: an API key only with the agents it is scoped to,
 * only the wallet that holds the NFT now (so a transfer ends the previous owner's access at once),
 * and only while the agent is active. Shared by Panthera's chat API and the OpenAI-compatible one.
 */
@Component
public class ChatAccess {

    private final OwnershipService ownership;
    private final AgentService agents;

    ChatAccess(OwnershipService ownership, AgentService agents) {
        this.ownership = ownership;
        this.agents = agents;
    }

    /** The caller may read this agent's conversations: key scope, then current ownership. */
    public void requireReader(WalletPrincipal caller, NftId nft) {
        if (!caller.mayUse(nft.collection(), nft.tokenId())) {
            throw new PantheraException(
                    ProblemCode.FORBIDDEN,
                    "This API key is not scoped to agent " + nft.key() + "; create a key for it (POST /v1/api-keys)");
        }
        ownership.requireOwner(nft, caller.walletAddress());
    }

    /** The caller may send the agent a message: a reader, and the agent takes messages; returns the agent. */
    public AgentView requireSender(WalletPrincipal caller, NftId nft) {
        requireReader(caller, nft);
        AgentView agent = agents.get(nft);
        AgentStatus status = agent.status();
        if (status == AgentStatus.PAUSED) {
            throw new PantheraException(
                    ProblemCode.CONFLICT,
                    "Agent " + nft.key() + " is paused: resume it first (POST /v1/agents/" + nft.collection() + "/"
                            + nft.tokenId() + "/status {\"status\":\"active\"})");
        }
        if (status == AgentStatus.RETIRED) {
            throw new PantheraException(
                    ProblemCode.CONFLICT, "Agent " + nft.key() + " is retired and takes no more messages");
        }
        return agent;
    }
}
