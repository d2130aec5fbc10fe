package dev.panthera.chat.web.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.chat.web.ws.ClientFrame.Auth;
import dev.panthera.chat.web.ws.ClientFrame.Cancel;
import dev.panthera.chat.web.ws.ClientFrame.Invalid;
import dev.panthera.chat.web.ws.ClientFrame.Ping;
import dev.panthera.chat.web.ws.ClientFrame.Send;
import dev.panthera.chat.web.ws.ClientFrame.Subscribe;
import dev.panthera.chat.web.ws.ClientFrame.Unsubscribe;
import dev.panthera.shared.ProblemCode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ClientFramesTest {

    final ClientFrames frames = new ClientFrames(JsonMapper.builder().build());

    Invalid invalid(String text) {
        ClientFrame frame = frames.parse(text);
        assertThat(frame).as(text).isInstanceOf(Invalid.class);
        Invalid invalid = (Invalid) frame;
        assertThat(invalid.error().code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
        return invalid;
    }

    @Test
    void readsEveryType() {
        UUID id = UUID.randomUUID();
        assertThat(frames.parse("{\"type\":\"auth\",\"data\":{\"token\":\"pnt_abc\"},\"request_id\":\"r0\"}"))
                .isEqualTo(new Auth("pnt_abc", "r0"));
        assertThat(frames.parse("{\"type\":\"message\",\"conversation_id\":\"" + id
                        + "\",\"data\":{\"collection\":\"panthers\",\"nft_token_id\":\"7\",\"content\":\"hi\"},"
                        + "\"request_id\":\"r1\"}"))
                .isEqualTo(new Send(id, "panthers", "7", "hi", "r1"));
        assertThat(frames.parse("{\"type\":\"message\",\"conversation_id\":null,"
                        + "\"data\":{\"nft_token_id\":7,\"content\":\"\"}}"))
                .as("a new conversation, no collection, a numeric token id; emptiness is the service's check")
                .isEqualTo(new Send(null, null, "7", "", null));
        assertThat(frames.parse("{\"type\":\"subscribe\",\"channel\":\"conversation:" + id + "\"}"))
                .isEqualTo(new Subscribe("conversation:" + id, null));
        assertThat(frames.parse("{\"type\":\"unsubscribe\",\"channel\":\"conversation:" + id + "\"}"))
                .isEqualTo(new Unsubscribe("conversation:" + id, null));
        assertThat(frames.parse("{\"type\":\"cancel\",\"conversation_id\":\"" + id + "\"}"))
                .isEqualTo(new Cancel(id, null));
        assertThat(frames.parse("{\"type\":\"ping\",\"request_id\":\"p\"}")).isEqualTo(new Ping("p"));
    }

    @Test
    void badJsonAndWrongShapesAreValidationErrors() {
        assertThat(invalid("not json").error().getMessage()).contains("not valid JSON");
        assertThat(invalid("{\"type\":").error().getMessage()).contains("not valid JSON");
        assertThat(invalid("[1,2]").error().getMessage()).contains("JSON object");
        assertThat(invalid("\"ping\"").error().getMessage()).contains("JSON object");
        assertThat(invalid("{}").error().getMessage()).contains("type is required");
        assertThat(invalid("{\"type\":42}").error().getMessage()).contains("type must be a string");
    }

    @Test
    void anUnknownTypeNamesTheKnownOnesAndKeepsTheRequestId() {
        Invalid invalid = invalid("{\"type\":\"dance\",\"request_id\":\"r9\"}");
        assertThat(invalid.error().getMessage()).contains("'dance'").contains("subscribe");
        assertThat(invalid.requestId()).isEqualTo("r9");
    }

    @Test
    void missingOrMalformedFieldsAreNamed() {
        assertThat(invalid("{\"type\":\"auth\"}").error().getMessage()).contains("data must be an object");
        assertThat(invalid("{\"type\":\"auth\",\"data\":{\"token\":\" \"}}")
                        .error()
                        .getMessage())
                .contains("token is required");
        assertThat(invalid("{\"type\":\"message\",\"data\":{\"nft_token_id\":\"1\"}}")
                        .error()
                        .getMessage())
                .contains("data.content");
        assertThat(invalid("{\"type\":\"message\",\"data\":{\"content\":\"hi\"}}")
                        .error()
                        .getMessage())
                .contains("nft_token_id is required");
        assertThat(invalid("{\"type\":\"message\",\"data\":{\"nft_token_id\":\"1\",\"content\":7}}")
                        .error()
                        .getMessage())
                .contains("data.content");
        assertThat(invalid("{\"type\":\"message\",\"conversation_id\":\"1-1-1-1-1\","
                                + "\"data\":{\"nft_token_id\":\"1\",\"content\":\"hi\"}}")
                        .error()
                        .getMessage())
                .contains("conversation_id must be a UUID");
        assertThat(invalid("{\"type\":\"subscribe\"}").error().getMessage()).contains("channel is required");
        assertThat(invalid("{\"type\":\"cancel\"}").error().getMessage()).contains("conversation_id");
        assertThat(invalid("{\"type\":\"ping\",\"request_id\":\"" + "r".repeat(129) + "\"}")
                        .error()
                        .getMessage())
                .contains("request_id is longer than 128");
        assertThat(invalid("{\"type\":\"ping\",\"request_id\":5}").error().getMessage())
                .contains("request_id must be a string");
    }

    @Test
    void aTokenNeverShowsInTheFramesText() {
        assertThat(frames.parse("{\"type\":\"auth\",\"data\":{\"token\":\"secret-token\"}}")
                        .toString())
                .doesNotContain("secret-token");
        assertThat(frames.parse("{\"type\":\"message\",\"data\":{\"nft_token_id\":\"1\",\"content\":\"my secret\"}}")
                        .toString())
                .doesNotContain("my secret")
                .contains("9 chars");
    }
}
