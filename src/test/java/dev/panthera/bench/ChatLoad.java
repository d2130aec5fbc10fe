package dev.panthera.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * An open-loop load generator: requests go out at fixed times whatever the answers do, and each
 * latency runs from the time the request was <em>due</em>, not sent, so a stall in the generator or
 * the server is counted rather than hidden (no coordinated omission). Several targets are
 * interleaved: each gets the full rate, target k offset by k/n of the period, so Panthera and the
 * direct baseline see the same machine at the same moment. Requests go out through {@link NioLoad}
 * (one selector thread, keep-alive connections), which costs far less CPU a request than the JDK
 * client, so the driver does not starve the servers it measures on a small machine.
 */
final class ChatLoad {

    /** A {@code data:} line with a non-empty content delta: the first token. */
    static final Pattern CONTENT = Pattern.compile("^data:.*\"content\":\"[^\"]");

    private ChatLoad() {}

    /** Where requests go: host, port and the one request sent there, as bytes (bodies are small and fixed). */
    record Target(String name, String host, int port, byte[] request) {

        /** A POST of a JSON body to an {@code http:} URI, with an {@code Authorization} header unless null. */
        static Target post(String name, URI uri, String authorization, String body) {
            int port = uri.getPort() < 0 ? 80 : uri.getPort();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            byte[] json = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + port + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                    + "Content-Length: " + json.length + "\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
            byte[] request = Arrays.copyOf(headBytes, headBytes.length + json.length);
            System.arraycopy(json, 0, request, headBytes.length, json.length);
            return new Target(name, uri.getHost(), port, request);
        }
    }

    /** Latencies (ns) of one target's measured requests, and what went wrong. */
    static final class Samples {
        final String name;
        private long[] nanos = new long[1024];
        private long[] dues = new long[1024];
        private int count;
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger sent = new AtomicInteger();
        /** Requests sent, warm-up included. */
        final AtomicInteger sentAll = new AtomicInteger();

        volatile String lastError;

        Samples(String name) {
            this.name = name;
        }

        /** A latency (ns) of the request due at {@code due} (System.nanoTime). */
        synchronized void add(long due, long latency) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
                dues = Arrays.copyOf(dues, count * 2);
            }
            dues[count] = due;
            nanos[count++] = latency;
        }

        /**
         * Writes one line per request, "due latency" (epoch ms with µs, ms), for lining slow requests
         * up with the server's GC log or its other periodic work ({@code CHAT_BENCH_TRACE}).
         */
        synchronized void trace(java.nio.file.Path file) throws IOException {
            long epochNanos = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < count; i++) {
                out.append(String.format(
                        java.util.Locale.ROOT, "%.3f %.3f%n", (epochNanos + dues[i]) / 1e6, nanos[i] / 1e6));
            }
            java.nio.file.Files.writeString(file, out);
        }

        void error(String what) {
            errors.incrementAndGet();
            lastError = what;
        }

        synchronized int count() {
            return count;
        }

        /** The q-quantile in ms (nearest rank); q = 1 is the max. */
        synchronized double ms(double q) {
            if (count == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(nanos, count);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(q * count) - 1;
            return sorted[Math.max(0, Math.min(count - 1, rank))] / 1e6;
        }
    }

    /**
     * Runs {@code rate} requests/s per target for warm-up + measurement; only requests due after the
     * warm-up are recorded. {@code stream}: the latency is the time to the first content chunk and
     * the stream must end in [DONE]; otherwise it is the whole JSON answer.
     */
    static List<Samples> run(List<Target> targets, boolean stream, int rate, Duration warmup, Duration measure)
            throws InterruptedException, IOException {
        return run(targets, stream, rate, Duration.ZERO, warmup, measure);
    }

    /**
     * As above, the rate rising from 5 % to full over {@code ramp} (within the warm-up), as a node
     * joining a load balancer gets traffic: a cold node (JIT, first connections) at full rate at once
     * builds a backlog whose garbage the old generation carries into the measured window.
     */
    static List<Samples> run(
            List<Target> targets, boolean stream, int rate, Duration ramp, Duration warmup, Duration measure)
            throws InterruptedException, IOException {
        try (NioLoad load = new NioLoad(targets, stream)) {
            return run(load, targets, stream, rate, ramp, warmup, measure);
        }
    }

    /** {@link #run} on a given driver, no ramp (tests look at its connections afterwards). */
    static List<Samples> run(
            NioLoad load, List<Target> targets, boolean stream, int rate, Duration warmup, Duration measure)
            throws InterruptedException {
        return run(load, targets, stream, rate, Duration.ZERO, warmup, measure);
    }

    private static List<Samples> run(
            NioLoad load,
            List<Target> targets,
            boolean stream,
            int rate,
            Duration ramp,
            Duration warmup,
            Duration measure)
            throws InterruptedException {
        List<Samples> samples = new ArrayList<>();
        long generatorCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        targets.forEach(t -> samples.add(new Samples(t.name())));
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long total = (warmup.toNanos() + measure.toNanos()) / period;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long measureFrom = start + warmup.toNanos();
        long maxLag = 0;
        long nextReport = start + TimeUnit.SECONDS.toNanos(10);
        long rampNanos = Math.min(ramp.toNanos(), warmup.toNanos());
        double credit = 0;
        for (long i = 0; i < total; i++) {
            if (i * period < rampNanos) {
                // during the ramp a slot is used (by every target alike) at the ramp's share of the rate
                credit += 0.05 + 0.95 * (i * period) / rampNanos;
                if (credit < 1) {
                    continue;
                }
                credit -= 1;
            }
            for (int k = 0; k < targets.size(); k++) {
                long due = start + i * period + k * period / targets.size();
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else {
                    maxLag = Math.max(maxLag, -wait);
                }
                Samples s = samples.get(k);
                boolean measured = due >= measureFrom;
                s.sentAll.incrementAndGet();
                if (measured) {
                    s.sent.incrementAndGet();
                }
                load.submit(k, due, measured ? s : null);
            }
            if (System.nanoTime() > nextReport) {
                System.err.printf(
                        "   %s: %d s of %d s%n",
                        stream ? "stream" : "json",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start),
                        warmup.toSeconds() + measure.toSeconds());
                nextReport += TimeUnit.SECONDS.toNanos(10);
            }
        }
        // anything still running after this is counted as an error below
        load.awaitIdle(Duration.ofSeconds(35));
        for (int k = 0; k < targets.size(); k++) {
            Samples s = samples.get(k);
            int missing = s.sent.get() - s.count() - s.errors.get();
            for (int m = 0; m < missing; m++) {
                s.error("no answer 35 s after the last request was due");
            }
        }
        System.err.printf("   generator lag: max %.1f ms behind schedule%n", maxLag / 1e6);
        long sentAll = samples.stream().mapToLong(s -> s.sentAll.get()).sum();
        generatorCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - generatorCpu;
        System.err.printf(
                "   driver CPU: %.3f ms a request (generator %.3f, selector %.3f)%n",
                (generatorCpu + load.cpuNanos()) / 1e6 / sentAll,
                generatorCpu / 1e6 / sentAll,
                load.cpuNanos() / 1e6 / sentAll);
        return samples;
    }

    static String abbreviate(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    /** Reads an SSE body line by line: when the first content chunk came, and whether [DONE] did. */
    static final class FirstToken implements Flow.Subscriber<String> {
        private final Runnable onFirst;
        volatile long firstAt = -1;
        volatile boolean done;

        FirstToken(Runnable onFirst) {
            this.onFirst = onFirst;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (firstAt < 0 && CONTENT.matcher(line).find()) {
                firstAt = System.nanoTime();
                if (onFirst != null) {
                    onFirst.run();
                }
            } else if (line.startsWith("data: [DONE]")) {
                done = true;
            }
        }

        @Override
        public void onError(Throwable throwable) {}

        @Override
        public void onComplete() {}
    }
}
