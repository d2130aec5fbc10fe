package dev.panthera.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.llm.ModelMessage;
import dev.panthera.llm.ModelMessage.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextWindowTest {

    static List<ModelMessage> turns(int n) {
        List<ModelMessage> history = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            history.add(ModelMessage.user("question " + i + " " + "q".repeat(30)));
            history.add(ModelMessage.assistant("answer " + i + " " + "a".repeat(30)));
        }
        return history;
    }

    @Test
    void estimatesTokensAsCharactersOverFourRoundedUp() {
        assertThat(ContextWindow.estimate(null)).isZero();
        assertThat(ContextWindow.estimate("")).isZero();
        assertThat(ContextWindow.estimate("a")).isEqualTo(1);
        assertThat(ContextWindow.estimate("abcd")).isEqualTo(1);
        assertThat(ContextWindow.estimate("abcde")).isEqualTo(2);
    }

    @Test
    void everythingFitsInALargeBudget() {
        List<ModelMessage> history = turns(3);
        List<ModelMessage> fitted = ContextWindow.fit("You are Shadow.", history, "hello", 6000);
        assertThat(fitted).hasSize(8);
        assertThat(fitted.getFirst()).isEqualTo(ModelMessage.system("You are Shadow."));
        assertThat(fitted.subList(1, 7)).isEqualTo(history);
        assertThat(fitted.getLast()).isEqualTo(ModelMessage.user("hello"));
    }

    @Test
    void theOldestTurnsAreDroppedFirst() {
        List<ModelMessage> history = turns(10); // each message 10-11 tokens
        List<ModelMessage> fitted = ContextWindow.fit("system", history, "hello", 50);
        int total = fitted.stream()
                .mapToInt(m -> ContextWindow.estimate(m.content()))
                .sum();
        assertThat(total).isLessThanOrEqualTo(50);
        assertThat(fitted.getFirst().role()).isEqualTo(Role.SYSTEM);
        assertThat(fitted.get(1).role()).as("history starts with a user turn").isEqualTo(Role.USER);
        assertThat(fitted.getLast()).isEqualTo(ModelMessage.user("hello"));
        List<ModelMessage> kept = fitted.subList(1, fitted.size() - 1);
        assertThat(kept).isNotEmpty();
        assertThat(history.subList(history.size() - kept.size(), history.size()))
                .as("the newest turns are the ones kept")
                .isEqualTo(kept);
        assertThat(kept.getLast().content()).startsWith("answer 9");
    }

    @Test
    void theSystemPromptAndMessageStayWhenNothingElseFits() {
        String prompt = "p".repeat(400);
        List<ModelMessage> fitted = ContextWindow.fit(prompt, turns(5), "m".repeat(400), 10);
        assertThat(fitted).containsExactly(ModelMessage.system(prompt), ModelMessage.user("m".repeat(400)));
    }

    @Test
    void aLoneAssistantTurnAtTheCutIsDropped() {
        List<ModelMessage> history = List.of(
                ModelMessage.user("u".repeat(400)), ModelMessage.assistant("short"), ModelMessage.user("again"));
        List<ModelMessage> fitted = ContextWindow.fit("s", history, "now", 20);
        assertThat(fitted)
                .containsExactly(ModelMessage.system("s"), ModelMessage.user("again"), ModelMessage.user("now"));
    }
}
