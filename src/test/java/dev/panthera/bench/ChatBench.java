package dev.panthera.bench;

import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import dev.panthera.support.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The load driver of {@code bench/chat-bench.sh}: the latency Panthera adds to a chat completion
 * over calling the same fake upstream directly (open loop, fixed rate, JSON and time to first token
 * of a stream), then how many streaming conversations one node holds and the heap they take. Run by
 * the script, which starts Panthera and {@link ChatFakeUpstream}; settings are system properties
 * ({@code bench.*}, see the script). Prints progress on stderr and a markdown block on stdout.
 */
public final class ChatBench {

    static final String MODEL = "bench-model";
    static final String PROMPT = "You are a benchmark agent. Answer briefly.";
    static final String QUESTION = "Say hello.";

    public static void main(String[] args) throws Exception {
        String panthera = System.getProperty("bench.panthera", "http://127.0.0.1:18180");
        String upstream = System.getProperty("bench.upstream", "http://127.0.0.1:18181");
        long pid = Long.getLong("bench.pid");
        long upstreamPid = Long.getLong("bench.upstream-pid", -1);
        String jcmd = System.getProperty("bench.jcmd", "jcmd");
        int rate = Integer.getInteger("bench.rate", 500);
        Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.warmup", 20));
        Duration measure = Duration.ofSeconds(Integer.getInteger("bench.measure", 30));
        Duration ramp = Duration.ofSeconds(Integer.getInteger("bench.ramp", 0));
        int streams = Integer.getInteger("bench.streams", 10_000);
        boolean forceStreams = Boolean.getBoolean("bench.streams.force");
        int openRate = Integer.getInteger("bench.open-rate", 100);
        String phases = System.getProperty("bench.phases", "json,stream,hold");

        String token = signInAndMint(panthera);
        String model = "panthers/1";
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        smokeTest(http, panthera, token, model);

        ChatReport report = new ChatReport(rate, ramp, warmup, measure);
        if (phases.contains("hold")) {
            ChatProbe probe = new ChatProbe(pid, jcmd, panthera);
            long limit = probe.fdLimit();
            int idleFds = probe.openFds();
            boolean h2 = Boolean.getBoolean("bench.http2");
            int perConnection = Integer.getInteger("bench.http2.streams-per-connection", 500);
            // HTTP/1.1: an inbound and an upstream socket per stream; h2c: the upstream socket and
            // 1/perConnection of an inbound one; plus what the idle node holds and some slack
            int fits = h2
                    ? (int) ((limit - idleFds - 200) * perConnection / (perConnection + 1) / 100 * 100)
                    : (int) ((limit - idleFds - 200) / 2 / 100 * 100);
            int k = streams;
            String why = "";
            if (k > fits && !forceStreams && fits > 0) {
                k = fits;
                why = "Panthera's open-file limit is " + limit + " (ulimit -Hn; it cannot be raised here) and the idle"
                        + " node holds " + idleFds + " descriptors; each stream takes "
                        + (h2
                                ? "one (its upstream socket; h2c carries " + perConnection
                                        + " on one client connection)"
                                : "two (client and upstream sockets)")
                        + ", so " + fits + " streams fit, not " + streams;
                System.err.println("   " + why);
            }
            System.err.printf(
                    "== 1/3 %d concurrent streams (first, on a fresh node), opened at %d/s over %s%n",
                    k, openRate, h2 ? "h2c, " + perConnection + " a connection" : "HTTP/1.1");
            List<HttpClient> holders = h2
                    ? h2cClients(panthera, k, perConnection)
                    : List.of(HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(30))
                            .build());
            ChatStreams.Result held = new ChatStreams(
                            holders,
                            h2 ? perConnection : Integer.MAX_VALUE,
                            pantheraRequest(panthera, token, model, true, ChatFakeUpstream.HOLD),
                            upstream,
                            probe)
                    .run(k, openRate);
            report.streams(held, streams, why);
        }
        if (phases.contains("json")) {
            System.err.printf(
                    "== 2/3 JSON completions: %d req/s each to Panthera and direct, %s + %s%n", rate, warmup, measure);
            ChatReport.Cpu before = cpu(pid, upstreamPid);
            List<ChatLoad.Samples> samples = ChatLoad.run(
                    List.of(pantheraTarget(panthera, token, model, false), directTarget(upstream, false)),
                    false,
                    rate,
                    ramp,
                    warmup,
                    measure);
            report.json(samples, since(before, pid, upstreamPid));
            trace(samples, "json");
        }
        if (phases.contains("stream")) {
            System.err.printf(
                    "== 3/3 streamed completions (time to first token): %d req/s each, %s + %s%n",
                    rate, warmup, measure);
            ChatReport.Cpu before = cpu(pid, upstreamPid);
            List<ChatLoad.Samples> samples = ChatLoad.run(
                    List.of(pantheraTarget(panthera, token, model, true), directTarget(upstream, true)),
                    true,
                    rate,
                    ramp,
                    warmup,
                    measure);
            report.stream(samples, since(before, pid, upstreamPid));
            trace(samples, "stream");
        }
        System.out.println(report.markdown(Instant.now()));
        System.exit(0);
    }

    /** With {@code bench.trace} (a directory), each target's requests as "due latency" lines. */
    private static void trace(List<ChatLoad.Samples> samples, String phase) throws java.io.IOException {
        String dir = System.getProperty("bench.trace");
        if (dir != null) {
            for (ChatLoad.Samples s : samples) {
                s.trace(java.nio.file.Path.of(dir, phase + "-" + s.name.replaceAll("[^A-Za-z0-9]+", "_") + ".txt"));
            }
        }
    }

    /** Signs a fresh dev wallet in and mints it token 1 of the dev collection, its agent on {@link #MODEL}. */
    static String signInAndMint(String panthera) {
        ApiClient api = new ApiClient(URI.create(panthera).getPort());
        DevWallet wallet = DevWallet.generate(ChainFamily.EVM, null);
        ApiClient.Response verified = api.signIn(wallet, null);
        check(verified.status() == 200, "sign-in", verified);
        String token = verified.text("access_token");
        String metadata = "{\"name\":\"Bench\",\"agent_config\":{\"model\":\"" + MODEL + "\",\"system_prompt\":\""
                + PROMPT + "\",\"max_tokens\":64}}";
        String uri = "data:application/json;base64,"
                + Base64.getEncoder().encodeToString(metadata.getBytes(StandardCharsets.UTF_8));
        ApiClient.Response minted =
                api.post("/v1/dev/nfts/panthers/mint", Map.of("token_id", "1", "token_uri", uri), token);
        check(minted.status() == 201, "mint panthers/1 (the database must be fresh)", minted);
        ApiClient.Response agent = api.get("/v1/agents/panthers/1", token);
        check(agent.status() == 200 && MODEL.equals(agent.text("model")), "agent on " + MODEL, agent);
        return token;
    }

    /** One JSON and one streamed completion through Panthera must carry the fake upstream's answer. */
    /**
     * One JDK client per {@code perConnection} streams, each upgraded to h2c by a GET first (the JDK
     * client upgrades on its first request and then multiplexes every request on that connection),
     * as an HTTP/2 load balancer in front of the node would hold few connections for many clients.
     */
    static List<HttpClient> h2cClients(String panthera, int streams, int perConnection) throws Exception {
        List<HttpClient> clients = new java.util.ArrayList<>();
        for (int i = 0; i < (streams + perConnection - 1) / perConnection; i++) {
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_2)
                    .connectTimeout(Duration.ofSeconds(30))
                    .build();
            var health = client.send(
                    HttpRequest.newBuilder(URI.create(panthera + "/actuator/health"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (health.version() != HttpClient.Version.HTTP_2) {
                throw new IllegalStateException("Panthera did not upgrade to h2c; is server.http2.enabled set?");
            }
            clients.add(client);
        }
        return clients;
    }

    static void smokeTest(HttpClient http, String panthera, String token, String model) throws Exception {
        var json = http.send(
                pantheraRequest(panthera, token, model, false, QUESTION).get(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (json.statusCode() != 200 || !json.body().contains(ChatFakeUpstream.CONTENT)) {
            throw new IllegalStateException("completion through Panthera: " + json.statusCode() + " " + json.body());
        }
        var sse = http.send(
                pantheraRequest(panthera, token, model, true, QUESTION).get(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (sse.statusCode() != 200
                || !sse.body().contains("upstream.")
                || !sse.body().contains("[DONE]")) {
            throw new IllegalStateException("stream through Panthera: " + sse.statusCode() + " " + sse.body());
        }
        System.err.println("== smoke test passed: Panthera relays the fake upstream (JSON and SSE)");
    }

    static Supplier<HttpRequest> pantheraRequest(
            String panthera, String token, String model, boolean stream, String content) {
        String body = pantheraBody(model, stream, content);
        URI uri = URI.create(panthera + "/v1/chat/completions");
        return () -> HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    static String pantheraBody(String model, boolean stream, String content) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]"
                + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
    }

    /** The open-loop phases' request through Panthera (the same as {@link #pantheraRequest}). */
    static ChatLoad.Target pantheraTarget(String panthera, String token, String model, boolean stream) {
        return ChatLoad.Target.post(
                "Panthera",
                URI.create(panthera + "/v1/chat/completions"),
                "Bearer " + token,
                pantheraBody(model, stream, QUESTION));
    }

    /** What Panthera sends upstream for the same question: the agent's system prompt, then the user's message. */
    static ChatLoad.Target directTarget(String upstream, boolean stream) {
        String body = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"system\",\"content\":\"" + PROMPT
                + "\"},{\"role\":\"user\",\"content\":\"" + QUESTION + "\"}],\"temperature\":0.7,\"max_tokens\":64"
                + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
        return ChatLoad.Target.post("direct", URI.create(upstream + "/chat/completions"), "Bearer none", body);
    }

    static ChatReport.Cpu cpu(long pid, long upstreamPid) {
        return new ChatReport.Cpu(ChatProbe.cpuMillis(pid), ChatProbe.cpuMillis(upstreamPid));
    }

    static ChatReport.Cpu since(ChatReport.Cpu before, long pid, long upstreamPid) {
        ChatReport.Cpu now = cpu(pid, upstreamPid);
        return new ChatReport.Cpu(now.pantheraMs() - before.pantheraMs(), now.upstreamMs() - before.upstreamMs());
    }

    private static void check(boolean ok, String what, ApiClient.Response response) {
        if (!ok) {
            throw new IllegalStateException(what + " failed: " + response.status() + " "
                    + response.raw().body());
        }
    }
}
