package dev.panthera.agent;

import dev.panthera.identity.ChainFamily;
import dev.panthera.ownership.NftId;
import java.math.BigDecimal;
import java.util.List;

/**
 * What other modules may ask of agents. Every NFT of a configured collection has exactly one
 * agent, created on first access from the token's metadata (or defaults when it has none). These
 * methods do not check who is asking: callers check ownership first.
 */
public interface AgentService {

    /** The agent of this NFT, created if needed; {@code NOT_FOUND} when the token does not exist. */
    AgentView get(NftId nft);

    /** The agents of the NFTs this wallet holds in the collections of its chain family. */
    List<AgentView> ownedBy(String walletAddress, ChainFamily chain);

    /** The system prompt chat sends: the config's prompt with the persona rendered into it. */
    String systemPrompt(NftId nft);

    /** The same for an agent already read, so a caller holding the view reads nothing again. */
    String systemPrompt(AgentView agent);

    /** The effective configuration: metadata with the owner's overrides applied. */
    AgentConfig config(NftId nft);

    /** Counts a completed task and marks the agent active now. */
    void recordTaskCompleted(NftId nft);

    /** Counts a vote for the agent (seed 001 votes_received). */
    void recordVote(NftId nft);

    /** Adds to the agent's rewards (seed 001 rewards_earned); {@code amount} must not be negative. */
    void recordReward(NftId nft, BigDecimal amount);

    /** Folds a rating from 0 to 5 into the agent's mean rating. */
    void recordRating(NftId nft, double rating);

    /** Marks the agent active now (last_active), e.g. when it answers a message. */
    void markActive(NftId nft);
}
