package dev.panthera.chat.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SseRelayTest {

    /** Frames as plain lines, so the test reads what went out in order. */
    static final SseRelay.Frames<String> FRAMES = new SseRelay.Frames<>() {
        @Override
        public void token(OutputStream out, String token) throws IOException {
            out.write(("token " + token + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void done(OutputStream out, String completion) throws IOException {
            out.write(("done " + completion + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void error(OutputStream out, PantheraException error) throws IOException {
            out.write(("error " + error.code() + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    };

    /** Relays a stream whose model sends {@code first} at once; returns its sink for the rest. */
    static SseRelay.Sink<String> open(
            MockHttpServletRequest request, HttpServletResponse response, Runnable cancel, String... first)
            throws IOException {
        AtomicReference<SseRelay.Sink<String>> sink = new AtomicReference<>();
        SseRelay.relay(
                request,
                response,
                s -> {
                    sink.set(s);
                    for (String token : first) {
                        s.token(token);
                    }
                    return cancel;
                },
                FRAMES);
        return sink.get();
    }

    static MockHttpServletRequest asyncRequest() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/chat/completions");
        request.setAsyncSupported(true);
        return request;
    }

    @Test
    void theRequestThreadReturnsAfterTheFirstEventAndLaterEventsAreWrittenByTheirOwnThread() throws Exception {
        MockHttpServletRequest request = asyncRequest();
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicInteger cancels = new AtomicInteger();

        SseRelay.Sink<String> sink = open(request, response, cancels::incrementAndGet, "a", "b");

        assertThat(request.isAsyncStarted())
                .as("the stream goes on without the request's thread")
                .isTrue();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("text/event-stream");
        assertThat(response.getContentAsString()).isEqualTo("token a\ntoken b\n");

        Thread model = Thread.ofVirtual().start(() -> {
            sink.token("c");
            sink.complete("ok");
            sink.token("late");
        });
        model.join();

        assertThat(response.getContentAsString()).isEqualTo("token a\ntoken b\ntoken c\ndone ok\n");
        assertThat(request.isAsyncStarted()).as("the response is complete").isFalse();
        assertThat(cancels).hasValue(0);
    }

    @Test
    void aStreamThatEndsLeavesNoHeartbeatTurnBehind() throws Exception {
        // a pending turn holds the whole stream; 500 streams a second each held 15 s filled the heap
        int before = SseHeartbeats.scheduled();
        for (int i = 0; i < 50; i++) {
            MockHttpServletRequest request = asyncRequest();
            SseRelay.Sink<String> sink = open(request, new MockHttpServletResponse(), () -> {}, "a");
            assertThat(SseHeartbeats.scheduled())
                    .as("an open stream has its turn")
                    .isEqualTo(before + 1);
            sink.complete("ok");
            assertThat(request.isAsyncStarted()).isFalse();
            assertThat(SseHeartbeats.scheduled()).as("an ended stream has none").isEqualTo(before);
        }
        // a stream whose whole answer came before it went live never schedules one
        SseRelay.relay(
                asyncRequest(),
                new MockHttpServletResponse(),
                s -> {
                    s.token("a");
                    s.complete("ok");
                    return () -> {};
                },
                FRAMES);
        assertThat(SseHeartbeats.scheduled()).isEqualTo(before);
    }

    @Test
    void aModelThatFailsBeforeItsFirstEventIsThrownSoItAnswersWithARealStatus() {
        MockHttpServletRequest request = asyncRequest();
        MockHttpServletResponse response = new MockHttpServletResponse();
        PantheraException limited = new PantheraException(ProblemCode.UPSTREAM_UNAVAILABLE, "busy");

        assertThatThrownBy(() -> SseRelay.<String>relay(
                        request,
                        response,
                        s -> {
                            s.error(limited);
                            return () -> {};
                        },
                        FRAMES))
                .isSameAs(limited);
        assertThat(request.isAsyncStarted()).isFalse();
        assertThat(response.isCommitted()).isFalse();
    }

    @Test
    void aClientThatLeftCancelsTheModelOnTheNextWriteAndNothingMoreIsWritten() throws Exception {
        MockHttpServletRequest request = asyncRequest();
        BrokenAfter response = new BrokenAfter(new MockHttpServletResponse(), 1);
        AtomicInteger cancels = new AtomicInteger();

        SseRelay.Sink<String> sink = open(request, response, cancels::incrementAndGet, "a");
        sink.token("b");
        sink.token("c");
        sink.complete("ok");

        assertThat(cancels).as("cancelled once").hasValue(1);
        assertThat(response.writes).hasValue(2);
        assertThat(request.isAsyncStarted()).as("the response is complete").isFalse();
    }

    /** A response whose client goes away after {@code okWrites} writes. */
    static final class BrokenAfter extends HttpServletResponseWrapper {
        final AtomicInteger writes = new AtomicInteger();
        private final int okWrites;

        BrokenAfter(MockHttpServletResponse response, int okWrites) {
            super(response);
            this.okWrites = okWrites;
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (writes.incrementAndGet() > okWrites) {
                        throw new IOException("Broken pipe");
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {}
            };
        }
    }
}
