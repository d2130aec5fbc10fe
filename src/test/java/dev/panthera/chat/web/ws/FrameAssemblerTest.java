package dev.panthera.chat.web.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.chat.web.ws.FrameAssembler.Complete;
import dev.panthera.chat.web.ws.FrameAssembler.Oversized;
import dev.panthera.chat.web.ws.FrameAssembler.Partial;
import org.junit.jupiter.api.Test;

class FrameAssemblerTest {

    @Test
    void joinsPartsIntoOneMessage() {
        FrameAssembler assembler = new FrameAssembler(100);
        assertThat(assembler.append("{\"type\":", false)).isInstanceOf(Partial.class);
        assertThat(assembler.append("\"ping\"}", true)).isEqualTo(new Complete("{\"type\":\"ping\"}"));
        assertThat(assembler.append("next", true)).isEqualTo(new Complete("next"));
    }

    @Test
    void aMessageOverTheLimitIsDroppedAndTheNextOneIsReadAgain() {
        FrameAssembler assembler = new FrameAssembler(10);
        assertThat(assembler.append("x".repeat(10), true)).isEqualTo(new Complete("x".repeat(10)));
        assertThat(assembler.append("x".repeat(6), false)).isInstanceOf(Partial.class);
        assertThat(assembler.append("x".repeat(6), false)).isInstanceOf(Partial.class);
        assertThat(assembler.append("x".repeat(6), true)).isEqualTo(new Oversized(18));
        assertThat(assembler.append("x".repeat(11), true)).isEqualTo(new Oversized(11));
        assertThat(assembler.append("ok", true)).isEqualTo(new Complete("ok"));
    }

    @Test
    void theLimitIsInUtf8Bytes() {
        assertThat(FrameAssembler.utf8Length("aé€😀")).isEqualTo(1 + 2 + 3 + 4);
        FrameAssembler assembler = new FrameAssembler(8);
        assertThat(assembler.append("€€€", true)).as("9 bytes in 3 chars").isEqualTo(new Oversized(9));
        assertThat(assembler.append("€€", true)).isEqualTo(new Complete("€€"));
    }
}
