package dev.panthera.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Concurrent streaming conversations on one node: opens {@code k} streamed completions whose
 * upstream sends a first token and then trickles one every few seconds, waits until each has its
 * first token (or failed), takes the node's measurements with all of them open, then has the
 * upstream finish them and checks that they end with [DONE].
 */
final class ChatStreams {

    record Result(
            int requested,
            int opened,
            int failedToOpen,
            int upstreamHeld,
            ChatProbe.Snapshot idle,
            ChatProbe.Snapshot open,
            ChatProbe.Snapshot after,
            int completed,
            int failed,
            double openSeconds,
            double releaseSeconds,
            String lastError) {}

    private final List<HttpClient> clients;
    private final int streamsPerClient;
    /** The fake upstream's control calls (/stats, /release), always HTTP/1.1. */
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Supplier<HttpRequest> request;
    private final String upstream;
    private final ChatProbe probe;

    /**
     * Stream i goes through {@code clients.get(i / streamsPerClient)}: one client over HTTP/1.1 (a
     * connection per stream), or several over h2c, each one connection carrying that many streams.
     */
    ChatStreams(
            List<HttpClient> clients,
            int streamsPerClient,
            Supplier<HttpRequest> request,
            String upstream,
            ChatProbe probe) {
        this.clients = clients;
        this.streamsPerClient = streamsPerClient;
        this.request = request;
        this.upstream = upstream;
        this.probe = probe;
    }

    Result run(int k, int openRate) throws Exception {
        ChatProbe.Snapshot idle = probe.afterGc();
        System.err.printf(
                "   idle: heap %.0f MB after GC, %d threads, RSS %d MB, %d fds%n",
                idle.heapMb(), idle.threads(), idle.rssMb(), idle.fds());
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger failedBeforeFirst = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        String[] lastError = {null};
        long period = TimeUnit.SECONDS.toNanos(1) / openRate;
        long start = System.nanoTime();
        int sent = k;
        for (int i = 0; i < k; i++) {
            long wait = start + i * period - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (failedBeforeFirst.get() > Math.max(50, k / 100)) {
                // the node is refusing or timing out: stop here and measure what it holds
                System.err.printf(
                        "   stopped opening after %d: %d failed before their first token%n",
                        i, failedBeforeFirst.get());
                sent = i;
                break;
            }
            ChatLoad.FirstToken lines = new ChatLoad.FirstToken(opened::incrementAndGet);
            HttpClient client = clients.get(Math.min(i / streamsPerClient, clients.size() - 1));
            client.sendAsync(request.get(), BodyHandlers.fromLineSubscriber(lines))
                    .whenComplete((response, error) -> {
                        if (error == null && response.statusCode() == 200 && lines.done && lines.firstAt >= 0) {
                            completed.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            if (lines.firstAt < 0) {
                                failedBeforeFirst.incrementAndGet();
                            }
                            lastError[0] = error != null
                                    ? error.toString()
                                    : response.statusCode() + " first token " + (lines.firstAt >= 0) + " [DONE] "
                                            + lines.done;
                        }
                        ended.incrementAndGet();
                    });
            if (i > 0 && i % 2000 == 0) {
                System.err.printf("   sent %d, opened %d, failed %d%n", i, opened.get(), failed.get());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        while (opened.get() + failedBeforeFirst.get() < sent && System.nanoTime() < deadline) {
            Thread.sleep(5000);
            System.err.printf("   opened %d of %d, failed %d%n", opened.get(), k, failed.get());
        }
        double openSeconds = (System.nanoTime() - start) / 1e9;
        int upstreamHeld;
        try {
            upstreamHeld = upstreamHeld();
        } catch (Exception e) {
            upstreamHeld = -1;
        }
        ChatProbe.Snapshot open = probe.afterGc();
        int stillOpen = opened.get() - ended.get() + failedBeforeFirst.get();
        System.err.printf(
                "   %d open (upstream holds %d): heap %.0f MB after GC, %d threads, RSS %d MB, %d fds%n",
                stillOpen, upstreamHeld, open.heapMb(), open.threads(), open.rssMb(), open.fds());
        String histogram = System.getProperty("bench.histogram");
        if (histogram != null && !histogram.isBlank()) {
            probe.histogram(java.nio.file.Path.of(histogram));
            System.err.println("   class histogram with the streams open: " + histogram);
        }
        String jfr = System.getProperty("bench.jfr-dump");
        if (jfr != null && !jfr.isBlank()) {
            probe.jfrDump(java.nio.file.Path.of(jfr));
            System.err.println("   flight recording with the streams open: " + jfr);
        }
        long released = System.nanoTime();
        http.send(
                HttpRequest.newBuilder(URI.create(upstream + "/release"))
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                BodyHandlers.discarding());
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ended.get() < sent && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            System.err.printf("   released: %d completed, %d failed of %d%n", completed.get(), failed.get(), k);
        }
        double releaseSeconds = (System.nanoTime() - released) / 1e9;
        Thread.sleep(2000);
        ChatProbe.Snapshot after = probe.afterGc();
        return new Result(
                sent,
                stillOpen,
                failedBeforeFirst.get(),
                upstreamHeld,
                idle,
                open,
                after,
                completed.get(),
                failed.get(),
                openSeconds,
                releaseSeconds,
                lastError[0]);
    }

    private int upstreamHeld() throws Exception {
        String stats = http.send(
                        HttpRequest.newBuilder(URI.create(upstream + "/stats"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        BodyHandlers.ofString())
                .body();
        return Integer.parseInt(stats.replaceAll(".*\"held\":(\\d+).*", "$1"));
    }
}
