package dev.panthera.llm.provider.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.llm.ChatCompletion;
import dev.panthera.llm.ModelMessage;
import dev.panthera.llm.ModelRequest;
import dev.panthera.llm.RecordingListener;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OfflineChatModelProviderTest {

    private final OfflineChatModelProvider offline = new OfflineChatModelProvider();

    private static final ModelRequest CONVERSATION = ModelRequest.of(
            "deepseek-chat",
            List.of(
                    ModelMessage.system("You are Nyx, a patient trading assistant."),
                    ModelMessage.user("first question"),
                    ModelMessage.assistant("first answer"),
                    ModelMessage.user("What is the floor price?")));

    @Test
    void greetsAsThePersonaAndReflectsTheLastUserMessage() {
        ChatCompletion completion = offline.complete(CONVERSATION);

        assertThat(completion.content())
                .startsWith("Hello, I am Nyx.")
                .contains("You said: \"What is the floor price?\"")
                .contains("without a language model")
                .doesNotContain("first question");
        assertThat(completion.provider()).isEqualTo("offline");
        assertThat(completion.model()).isEqualTo("deepseek-chat");
        assertThat(completion.finishReason()).isEqualTo("stop");
        assertThat(completion.metadata()).containsEntry("responder", "offline");
    }

    @Test
    void isDeterministic() {
        assertThat(offline.complete(CONVERSATION)).isEqualTo(offline.complete(CONVERSATION));
    }

    @Test
    void countsTokensAsCharactersOverFourRoundedUp() {
        ChatCompletion completion = offline.complete(CONVERSATION);

        int input = CONVERSATION.messages().stream()
                .mapToInt(m -> (m.content().length() + 3) / 4)
                .sum();
        assertThat(completion.inputTokens()).isEqualTo(input);
        assertThat(completion.outputTokens()).isEqualTo((completion.content().length() + 3) / 4);
        assertThat(OfflineChatModelProvider.estimateTokens("")).isZero();
        assertThat(OfflineChatModelProvider.estimateTokens("abcde")).isEqualTo(2);
    }

    @Test
    void withoutPersonaOrMessageItStillAnswers() {
        ChatCompletion completion = offline.complete(ModelRequest.of(null, List.of()));

        assertThat(completion.content()).startsWith("Hello. You have not said anything yet.");
        assertThat(completion.model()).isEqualTo("offline");
    }

    @Test
    void streamsWordByWordInOrderThenCompletes() throws Exception {
        RecordingListener listener = new RecordingListener();

        offline.stream(CONVERSATION, listener);

        ChatCompletion completion = listener.completed.get(2, TimeUnit.SECONDS);
        assertThat(listener.tokens).hasSizeGreaterThan(5);
        assertThat(listener.tokens.getFirst()).isEqualTo("Hello,");
        assertThat(listener.tokens.get(1)).isEqualTo(" I");
        assertThat(String.join("", listener.tokens)).isEqualTo(completion.content());
        assertThat(completion).isEqualTo(offline.complete(CONVERSATION));
    }
}
