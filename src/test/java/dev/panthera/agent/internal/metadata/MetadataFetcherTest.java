package dev.panthera.agent.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.panthera.agent.internal.metadata.MetadataException.Kind;
import dev.panthera.support.TestProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fetcher against a real local HTTP server (standing in for https hosts and an IPFS gateway,
 * which is why loopback http is allowed): limits on size, time and redirects, and the schemes.
 */
class MetadataFetcherTest {

    static final String JSON = "{\"agent_config\":{\"model\":\"m\"}}";
    static final int MAX = 4096;
    static HttpServer server;
    static String base;
    static final AtomicInteger slowRequests = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/ok", ex -> send(ex, 200, JSON.getBytes(StandardCharsets.UTF_8), true));
        server.createContext("/missing", ex -> send(ex, 404, "nope".getBytes(StandardCharsets.UTF_8), true));
        server.createContext("/big", ex -> send(ex, 200, new byte[MAX + 1], true));
        server.createContext("/big-chunked", ex -> send(ex, 200, new byte[MAX * 4], false));
        server.createContext("/exact", ex -> send(ex, 200, new byte[MAX], false));
        server.createContext("/slow", ex -> {
            slowRequests.incrementAndGet();
            sleep(3000);
            send(ex, 200, JSON.getBytes(StandardCharsets.UTF_8), true);
        });
        server.createContext("/slow-body", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write('{');
                out.flush();
                sleep(3000);
                out.write('}');
            } catch (IOException e) {
                // the client gave up, as it should
            }
        });
        server.createContext("/ipfs/", ex -> {
            String path = ex.getRequestURI().getPath();
            send(
                    ex,
                    path.equals("/ipfs/bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/7.json") ? 200 : 404,
                    JSON.getBytes(StandardCharsets.UTF_8),
                    true);
        });
        server.createContext("/redirect/", ex -> {
            // /redirect/<n> sends n more redirects before /ok
            int n = Integer.parseInt(ex.getRequestURI().getPath().substring("/redirect/".length()));
            redirect(ex, n == 0 ? "/ok" : "/redirect/" + (n - 1));
        });
        server.createContext("/to-file", ex -> redirect(ex, "file:///etc/passwd"));
        server.createContext("/to-remote-http", ex -> redirect(ex, "http://example.com/metadata.json"));
        server.createContext("/to-nowhere", ex -> {
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static MetadataFetcher fetcher() {
        return new MetadataFetcher(TestProperties.of(Map.of(
                "panthera.metadata.max-bytes",
                MAX,
                "panthera.metadata.timeout",
                "700ms",
                "panthera.metadata.ipfs-gateway",
                base + "/ipfs")));
    }

    @Test
    void readsLoopbackHttp() {
        assertThat(new String(fetcher().fetch(base + "/ok"), StandardCharsets.UTF_8))
                .isEqualTo(JSON);
    }

    @Test
    void aNon2xxAnswerNamesTheHostAndStatusOnly() {
        assertThatThrownBy(() -> fetcher().fetch(base + "/missing?token=secret"))
                .isInstanceOfSatisfying(
                        MetadataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS))
                .hasMessage("http://127.0.0.1:" + server.getAddress().getPort() + " answered HTTP 404");
    }

    @Test
    void readsIpfsThroughTheGateway() {
        String cid = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
        assertThat(fetcher().fetch("ipfs://" + cid + "/7.json"))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo(JSON);
        assertThat(fetcher().fetch("ipfs://ipfs/" + cid + "/7.json"))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo(JSON);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ipfs:",
                "ipfs:/x",
                "ipfs://",
                "ipfs://short/x",
                "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/../x",
                "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/a b"
            })
    void refusesMalformedIpfsUris(String uri) {
        assertThatThrownBy(() -> fetcher().fetch(uri)).hasMessageContaining("ipfs://<CID>/<path>");
    }

    @Test
    void readsBase64AndPercentEncodedDataUris() {
        String b64 = Base64.getEncoder().encodeToString(JSON.getBytes(StandardCharsets.UTF_8));
        assertThat(fetcher().fetch("data:application/json;base64," + b64))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo(JSON);
        String encoded = URLEncoder.encode(JSON, StandardCharsets.UTF_8).replace("+", "%20");
        assertThat(fetcher().fetch("data:application/json," + encoded))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo(JSON);
        assertThat(fetcher().fetch("data:application/json;charset=utf-8," + JSON))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo(JSON);
        assertThat(fetcher().fetch("data:application/json;utf8,{\"name\":\"Pånther 🐆\"}"))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("{\"name\":\"Pånther 🐆\"}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "data:text/plain;base64,e30=",
                "data:,{}",
                "data:application/json;base64",
                "data:application/json;gzip,{}"
            })
    void refusesDataUrisThatAreNotJson(String uri) {
        assertThatThrownBy(() -> fetcher().fetch(uri))
                .isInstanceOfSatisfying(
                        MetadataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED_URI));
    }

    @Test
    void refusesBrokenDataUriEncodings() {
        assertThatThrownBy(() -> fetcher().fetch("data:application/json;base64,***"))
                .hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> fetcher().fetch("data:application/json,%7")).hasMessageContaining("broken %-escape");
    }

    @Test
    void refusesOversizedDataUris() {
        String big = Base64.getEncoder().encodeToString(new byte[MAX + 1]);
        assertThatThrownBy(() -> fetcher().fetch("data:application/json;base64," + big))
                .isInstanceOfSatisfying(
                        MetadataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE));
        assertThatThrownBy(() -> fetcher().fetch("data:application/json," + "x".repeat(MAX + 1)))
                .isInstanceOfSatisfying(
                        MetadataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE));
    }

    @Test
    void stopsReadingPastTheByteLimit() {
        assertThat(fetcher().fetch(base + "/exact")).hasSize(MAX);
        for (String path : new String[] {"/big", "/big-chunked"}) {
            assertThatThrownBy(() -> fetcher().fetch(base + path))
                    .isInstanceOfSatisfying(
                            MetadataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE))
                    .hasMessageContaining("larger than " + MAX + " bytes");
        }
    }

    @Test
    void aSlowServerTimesOutWithinTheLimit() {
        for (String path : new String[] {"/slow", "/slow-body"}) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> fetcher().fetch(base + path))
                    .isInstanceOfSatisfying(
                            MetadataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT))
                    .hasMessageContaining("longer than PT0.7S");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        }
    }

    @Test
    void followsAtMostThreeRedirects() {
        assertThat(fetcher().fetch(base + "/redirect/2"))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo(JSON);
        assertThatThrownBy(() -> fetcher().fetch(base + "/redirect/3"))
                .isInstanceOfSatisfying(
                        MetadataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REDIRECT))
                .hasMessage("more than 3 redirects");
    }

    @Test
    void neverRedirectsToFilesPlainHttpHostsOrNowhere() {
        assertThatThrownBy(() -> fetcher().fetch(base + "/to-file"))
                .hasMessage("redirect refused: file:// has no usable host");
        assertThatThrownBy(() -> fetcher().fetch(base + "/to-remote-http"))
                .hasMessage("redirect refused: plain http is only allowed to localhost; use https");
        assertThatThrownBy(() -> fetcher().fetch(base + "/to-nowhere")).hasMessage("redirect without a Location");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "file:///etc/passwd",
                "ftp://example.com/m.json",
                "http://example.com/m.json",
                "http://10.0.0.1/m.json",
                "javascript:alert(1)",
                "ar://abc",
                "/relative/path.json",
                "https://user:pw@example.com/x",
                ""
            })
    void refusesOtherSchemesAndRemotePlainHttp(String uri) {
        assertThatThrownBy(() -> fetcher().fetch(uri))
                .isInstanceOfSatisfying(
                        MetadataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED_URI));
    }

    @Test
    void aClosedPortIsUnreachableNotAnHttpError() {
        assertThatThrownBy(() -> fetcher().fetch("http://127.0.0.1:1/m.json"))
                .isInstanceOfSatisfying(
                        MetadataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE))
                .hasMessageStartingWith("http://127.0.0.1:1 could not be read");
    }

    @Test
    void anIpfsGatewayMustBeHttpsOrLocal() {
        assertThatThrownBy(() -> new MetadataFetcher(
                        TestProperties.of(Map.of("panthera.metadata.ipfs-gateway", "http://gateway.example/ipfs/"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("panthera.metadata.ipfs-gateway");
    }

    private static void send(HttpExchange ex, int status, byte[] body, boolean withLength) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, withLength ? body.length : 0);
        try (OutputStream out = ex.getResponseBody()) {
            // chunked bodies go out in small writes, as a streaming server would send them
            for (int i = 0; i < body.length; i += 1024) {
                out.write(body, i, Math.min(1024, body.length - i));
                out.flush();
            }
        } catch (IOException e) {
            // the client stopped reading: that is the point of some tests
        }
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
