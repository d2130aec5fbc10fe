package dev.panthera.llm.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class SseBodySubscriberTest {

    /** Records what the subscriber reports and how much it asked for. */
    static final class Recorder implements ServerSentEventListener, Flow.Subscription {
        final List<String> seen = new ArrayList<>();
        final List<ServerSentEvent> kept = new ArrayList<>();
        Throwable error;
        long requested;
        boolean cancelled;
        ServerSentEventContext context;

        @Override
        public void onOpen(SuccessfulHttpResponse response) {
            seen.add("open " + response.statusCode());
        }

        @Override
        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
            this.context = context;
            kept.add(event);
            seen.add(event.event() + "|" + event.data());
        }

        @Override
        public void onError(Throwable error) {
            this.error = error;
            seen.add("error");
        }

        @Override
        public void onClose() {
            seen.add("close");
        }

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    static ResponseInfo info(int status, Map<String, List<String>> headers) {
        return new ResponseInfo() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public HttpHeaders headers() {
                return HttpHeaders.of(headers, (a, b) -> true);
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }

    static SseBodySubscriber open(Recorder recorder, int status, Map<String, List<String>> headers) {
        SseBodySubscriber sse = new SseBodySubscriber(recorder, Duration.ofMinutes(1));
        sse.open(info(status, headers)).onSubscribe(recorder);
        return sse;
    }

    /** Sends the text in pieces of {@code size} bytes, so lines and UTF-8 characters are split. */
    static void send(SseBodySubscriber sse, String text, int size) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += size) {
            int n = Math.min(size, bytes.length - i);
            sse.onNext(List.of(ByteBuffer.wrap(bytes, i, n)));
        }
    }

    @Test
    void eventsSplitAcrossChunksAreParsedAsLangChain4jsParserDoes() {
        Recorder recorder = new Recorder();
        SseBodySubscriber sse = open(recorder, 200, Map.of());
        send(
                sse,
                ": comment\r\ndata: {\"a\":\"héllo ✓\"}\r\n\r\nevent: usage\ndata:one\ndata: two\n\n"
                        + "id: 7\ndata: [DONE]\n\ndata: trailing",
                3);
        sse.onComplete();

        assertThat(recorder.seen)
                .containsExactly(
                        "open 200",
                        "null|{\"a\":\"héllo ✓\"}",
                        "usage|one\ntwo",
                        "null|[DONE]",
                        "null|trailing",
                        "close");
        assertThat(recorder.requested).as("one buffer asked for at a time").isGreaterThan(1);
        assertThat(recorder.kept)
                .as("a listener that keeps the events (LangChain4j does) does not keep their text")
                .hasSize(4)
                .allSatisfy(e -> assertThat(e.data()).isNull());
        assertThat(recorder.error).isNull();
    }

    @Test
    void aNon2xxAnswerIsOneUpstreamHttpExceptionWithItsBodyAndRetryAfter() {
        Recorder recorder = new Recorder();
        SseBodySubscriber sse = open(recorder, 429, Map.of("Retry-After", List.of("7")));
        send(sse, "{\"error\":\"slow down\"}", 5);
        sse.onComplete();
        sse.onError(new java.io.IOException("late"));

        assertThat(recorder.seen).containsExactly("error");
        assertThat(recorder.error).isInstanceOfSatisfying(UpstreamHttpException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(429);
            assertThat(e.getMessage()).contains("slow down");
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        });
    }

    @Test
    void aHugeErrorBodyIsCutAt8KbAndTheConnectionDropped() {
        Recorder recorder = new Recorder();
        SseBodySubscriber sse = open(recorder, 500, Map.of());
        send(sse, "x".repeat(20_000), 4096);

        assertThat(recorder.cancelled).isTrue();
        assertThat(recorder.error).isInstanceOf(UpstreamHttpException.class);
        assertThat(recorder.error.getMessage().length()).isLessThan(8300);
    }

    @Test
    void aCancelFromTheListenerDropsTheConnectionAndNothingIsReportedAfterIt() {
        Recorder recorder = new Recorder();
        SseBodySubscriber sse = open(recorder, 200, Map.of());
        send(sse, "data: first\n\n", 64);
        recorder.context.parsingHandle().cancel();
        send(sse, "data: second\n\n", 64);
        sse.onComplete();
        sse.fail(new java.io.IOException("closed"));

        assertThat(recorder.cancelled).isTrue();
        assertThat(recorder.context.parsingHandle().isCancelled()).isTrue();
        assertThat(recorder.seen).containsExactly("open 200", "null|first");
    }

    @Test
    void aFailureMidStreamIsReportedOnceAndNotFollowedByClose() {
        Recorder recorder = new Recorder();
        SseBodySubscriber sse = open(recorder, 200, Map.of());
        send(sse, "data: first\n\n", 64);
        sse.onError(new java.io.IOException("reset"));
        sse.fail(new java.io.IOException("again"));
        sse.onComplete();

        assertThat(recorder.seen).containsExactly("open 200", "null|first", "error");
        assertThat(recorder.error).hasMessage("reset");
    }
}
