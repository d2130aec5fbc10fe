package dev.panthera.agent.internal;

import dev.panthera.agent.AgentConfig;
import dev.panthera.agent.AgentPerformance;
import dev.panthera.agent.AgentService;
import dev.panthera.agent.AgentView;
import dev.panthera.agent.internal.persona.PersonaService;
import dev.panthera.agent.internal.persona.PromptComposer;
import dev.panthera.identity.ChainFamily;
import dev.panthera.ownership.NftId;
import dev.panthera.ownership.OwnershipRecord;
import dev.panthera.ownership.OwnershipService;
import dev.panthera.shared.PantheraException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/** {@link AgentService}: agents read (and created) on demand, counters updated in place. */
@Service
public class AgentRegistry implements AgentService {

    /** Most recently acquired first (the block of the last transfer), then by collection and token. */
    private static final Comparator<OwnershipRecord> NEWEST_FIRST = Comparator.comparingLong(
                    OwnershipRecord::blockHeight)
            .reversed()
            .thenComparing(r -> r.nft().collection())
            .thenComparing(r -> r.nft().tokenId(), AgentRegistry::compareTokenIds);

    private final OwnershipService ownership;
    private final AgentProvisioner provisioner;
    private final AgentRepository agents;
    private final PersonaService personas;
    private final AgentViewCache views;
    private final Clock clock;
    private static final Duration MARK_EVERY = Duration.ofMinutes(1);
    private final Map<NftId, Instant> lastMarked = new ConcurrentHashMap<>();

    AgentRegistry(
            OwnershipService ownership,
            AgentProvisioner provisioner,
            AgentRepository agents,
            PersonaService personas,
            AgentViewCache views,
            Clock clock) {
        this.ownership = ownership;
        this.provisioner = provisioner;
        this.agents = agents;
        this.personas = personas;
        this.views = views;
        this.clock = clock;
    }

    @Override
    public AgentView get(NftId nft) {
        // the owner is asked every time (ownership's cache), so a transfer never serves the old view
        String owner = ownership.owner(nft).ownerAddress();
        return views.get(nft, owner, () -> view(provisioner.require(nft, owner)));
    }

    @Override
    public List<AgentView> ownedBy(String walletAddress, ChainFamily chain) {
        return ownedNfts(walletAddress, chain).stream().map(this::get).toList();
    }

    /** The NFTs behind {@link #ownedBy}, in its order, so a page can be read without the rest. */
    public List<NftId> ownedNfts(String walletAddress, ChainFamily chain) {
        return ownership.ownedBy(walletAddress, chain).stream()
                .sorted(NEWEST_FIRST)
                .map(OwnershipRecord::nft)
                .toList();
    }

    @Override
    public String systemPrompt(NftId nft) {
        return systemPrompt(get(nft));
    }

    @Override
    public String systemPrompt(AgentView agent) {
        return PromptComposer.compose(agent.config(), agent.persona());
    }

    @Override
    public AgentConfig config(NftId nft) {
        return provisioner.require(nft).settings().config();
    }

    @Override
    public void recordTaskCompleted(NftId nft) {
        count(nft, "tasks_completed = tasks_completed + 1, last_active = ?", AgentRepository.ts(clock.instant()));
    }

    @Override
    public void recordVote(NftId nft) {
        count(nft, "votes_received = votes_received + 1");
    }

    @Override
    public void recordReward(NftId nft, BigDecimal amount) {
        if (amount == null || amount.signum() < 0) {
            throw PantheraException.validation("A reward must be zero or more");
        }
        count(nft, "rewards_earned = rewards_earned + ?", amount);
    }

    @Override
    public void recordRating(NftId nft, double rating) {
        if (!(rating >= 0 && rating <= 5)) {
            throw PantheraException.validation("A rating must be between 0 and 5");
        }
        count(
                nft,
                "rating = (coalesce(rating, 0) * rating_count + ?) / (rating_count + 1),"
                        + " rating_count = rating_count + 1",
                rating);
    }

    /**
     * At most one write per agent and minute from this node: chat marks the agent on every message,
     * and last_active needs no finer grain than that.
     */
    @Override
    public void markActive(NftId nft) {
        Instant now = clock.instant();
        Instant previous = lastMarked.get(nft);
        if (previous != null && now.isBefore(previous.plus(MARK_EVERY))) {
            return;
        }
        lastMarked.put(nft, now);
        count(nft, "last_active = ?", AgentRepository.ts(now));
    }

    AgentView view(AgentRecord r) {
        AgentSettings s = r.settings();
        return new AgentView(
                r.id(),
                r.nft(),
                r.ownerAddress(),
                s.agentType(),
                s.name(),
                s.description(),
                s.config(),
                s.permissions(),
                s.deployment(),
                new AgentPerformance(r.votesReceived(), r.rewardsEarned(), r.tasksCompleted(), r.rating()),
                r.status(),
                r.version(),
                new AgentView.MetadataState(
                        r.metadataUri(),
                        r.metadataSettings() != null,
                        r.metadataFetchedAt(),
                        r.metadataError(),
                        r.metadataErrorAt()),
                r.overrides().fields(),
                personas.find(r.id()).orElse(null),
                r.mintedAt(),
                r.lastActive(),
                r.createdAt(),
                r.updatedAt());
    }

    /** Counts on the agent's row, creating the agent first if this is the first thing it does. */
    private void count(NftId nft, String set, Object... params) {
        if (!agents.count(nft, set, params)) {
            provisioner.require(nft);
            agents.count(nft, set, params);
        }
    }

    private static int compareTokenIds(String a, String b) {
        boolean numeric = a.chars().allMatch(Character::isDigit) && b.chars().allMatch(Character::isDigit);
        return numeric && !a.isEmpty() && !b.isEmpty()
                ? new BigInteger(b).compareTo(new BigInteger(a))
                : b.compareTo(a);
    }
}
