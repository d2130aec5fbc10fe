package dev.panthera.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChatLimitsTest {

    @Test
    void aMessageOfAtMostTheLimitIsAccepted() {
        assertThatNoException().isThrownBy(() -> ChatExchanges.checkMessage("x".repeat(4000), 4000));
        assertThatNoException().isThrownBy(() -> ChatExchanges.checkMessage("hi", 4000));
    }

    @Test
    void aLongerMessageIsRefusedWithTheLimitInTheDetail() {
        assertThatThrownBy(() -> ChatExchanges.checkMessage("x".repeat(4001), 4000))
                .isInstanceOfSatisfying(PantheraException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
                    assertThat(e.code().status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("4001").contains("at most 4000");
                    assertThat(e.getMessage()).doesNotContain("xxxx");
                });
    }

    @Test
    void anEmptyMessageIsRefused() {
        for (String empty : new String[] {null, "", "   \n"}) {
            assertThatThrownBy(() -> ChatExchanges.checkMessage(empty, 4000))
                    .isInstanceOfSatisfying(
                            PantheraException.class,
                            e -> assertThat(e.code()).isEqualTo(ProblemCode.VALIDATION_FAILED));
        }
    }

    @Test
    void aFullConversationIsAConflictThatSaysWhatToDoNext() {
        UUID id = UUID.randomUUID();
        PantheraException e = ChatExchanges.full(id, 100);
        assertThat(e.code()).isEqualTo(ProblemCode.CONFLICT);
        assertThat(e.code().status()).isEqualTo(409);
        assertThat(e.getMessage()).contains("100 messages").contains("start a new conversation");
    }

    @Test
    void messagesAreSealedPerConversation() {
        UUID id = UUID.randomUUID();
        assertThat(ChatExchanges.context(id)).isEqualTo("panthera:chat:" + id);
    }
}
