package dev.panthera.chat.internal;

import dev.panthera.shared.PantheraProperties;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Seed 000 "max history: 30 days": messages older than {@code panthera.chat.retention} go, and
 * conversations idle that long go with theirs. The deletes are idempotent, so every node may run
 * it; no coordination is needed. Only counts are logged.
 */
@Component
class ChatRetention {

    private static final Logger log = LoggerFactory.getLogger(ChatRetention.class);

    private final ChatRepository repository;
    private final Duration keep;
    private final Clock clock;

    ChatRetention(ChatRepository repository, PantheraProperties properties, Clock clock) {
        this.repository = repository;
        this.keep = properties.chat().retention();
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    int purge() {
        var cutoff = clock.instant().minus(keep);
        int conversations = repository.deleteConversationsBefore(cutoff);
        int trimmed = repository.deleteMessagesBefore(cutoff);
        if (conversations + trimmed > 0) {
            log.info(
                    "Retention: deleted {} conversation(s) idle and trimmed {} conversation(s) older than {}",
                    conversations,
                    trimmed,
                    keep);
        }
        return conversations + trimmed;
    }
}
