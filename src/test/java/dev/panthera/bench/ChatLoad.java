package dev.panthera.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * An open-loop load generator: requests go out at fixed times whatever the answers do, and each
 * latency runs from the time the request was <em>due</em>, not sent, so a stall in the generator or
 * the server is counted rather than hidden (no coordinated omission). Several targets are
 * interleaved: each gets the full rate, target k offset by k/n of the period, so Panthera and the
 * direct baseline see the same machine at the same moment.
 */
final class ChatLoad {

    /** A {@code data:} line with a non-empty content delta: the first token. */
    static final Pattern CONTENT = Pattern.compile("^data:.*\"content\":\"[^\"]");

    private ChatLoad() {}

    /** Where requests go; {@code request} builds one (bodies are small and fixed). */
    record Target(String name, HttpClient http, Supplier<HttpRequest> request) {}

    /** Latencies (ns) of one target's measured requests, and what went wrong. */
    static final class Samples {
        final String name;
        private long[] nanos = new long[1024];
        private int count;
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger sent = new AtomicInteger();
        /** Requests sent, warm-up included. */
        final AtomicInteger sentAll = new AtomicInteger();

        volatile String lastError;

        Samples(String name) {
            this.name = name;
        }

        synchronized void add(long latency) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = latency;
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
            throws InterruptedException {
        List<Samples> samples = new ArrayList<>();
        targets.forEach(t -> samples.add(new Samples(t.name())));
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long total = (warmup.toNanos() + measure.toNanos()) / period;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long measureFrom = start + warmup.toNanos();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        long maxLag = 0;
        long nextReport = start + TimeUnit.SECONDS.toNanos(10);
        for (long i = 0; i < total; i++) {
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
                CompletableFuture<?> f = send(targets.get(k), stream, due, measured ? s : null);
                if (measured) {
                    pending.add(f);
                }
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
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(35, TimeUnit.SECONDS);
        } catch (Exception e) {
            // counted per request below: anything still running now is an error
        }
        for (int k = 0; k < targets.size(); k++) {
            Samples s = samples.get(k);
            int missing = s.sent.get() - s.count() - s.errors.get();
            for (int m = 0; m < missing; m++) {
                s.error("no answer 35 s after the last request was due");
            }
        }
        System.err.printf("   generator lag: max %.1f ms behind schedule%n", maxLag / 1e6);
        return samples;
    }

    private static CompletableFuture<?> send(Target target, boolean stream, long due, Samples s) {
        HttpRequest request = target.request().get();
        if (!stream) {
            return target.http().sendAsync(request, BodyHandlers.ofString()).whenComplete((response, error) -> {
                long latency = System.nanoTime() - due;
                if (s == null) {
                    return;
                }
                if (error != null) {
                    s.error(error.toString());
                } else if (response.statusCode() != 200 || !response.body().contains("\"choices\"")) {
                    s.error(response.statusCode() + " " + abbreviate(response.body()));
                } else {
                    s.add(latency);
                }
            });
        }
        FirstToken lines = new FirstToken(null);
        return target.http()
                .sendAsync(request, BodyHandlers.fromLineSubscriber(lines))
                .whenComplete((response, error) -> {
                    if (s == null) {
                        return;
                    }
                    if (error != null) {
                        s.error(error.toString());
                    } else if (response.statusCode() != 200 || lines.firstAt < 0 || !lines.done) {
                        s.error(response.statusCode() + " first token " + (lines.firstAt >= 0) + " [DONE] "
                                + lines.done);
                    } else {
                        s.add(lines.firstAt - due);
                    }
                });
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
