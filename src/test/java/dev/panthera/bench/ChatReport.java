package dev.panthera.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The markdown block {@link ChatBench} prints for BENCHMARKS.md, with the targets' verdicts. */
final class ChatReport {

    private final int rate;
    private final Duration ramp;
    private final Duration warmup;
    private final Duration measure;
    private final StringBuilder latency = new StringBuilder();
    private final StringBuilder streams = new StringBuilder();
    private final StringBuilder verdicts = new StringBuilder();

    ChatReport(int rate, Duration ramp, Duration warmup, Duration measure) {
        this.rate = rate;
        this.ramp = ramp;
        this.warmup = warmup;
        this.measure = measure;
    }

    void json(List<ChatLoad.Samples> samples, Cpu cpu) {
        rows("JSON completion, whole answer", samples, cpu);
    }

    void stream(List<ChatLoad.Samples> samples, Cpu cpu) {
        rows("streamed completion, time to first token", samples, cpu);
    }

    /** CPU time Panthera and the fake upstream used during a run (warm-up included), in ms. */
    record Cpu(long pantheraMs, long upstreamMs) {}

    private void rows(String what, List<ChatLoad.Samples> samples, Cpu cpu) {
        ChatLoad.Samples panthera = samples.get(0);
        ChatLoad.Samples direct = samples.get(1);
        for (ChatLoad.Samples s : samples) {
            latency.append(String.format(
                    "| %s — %s | %,d | %d | %.2f | %.2f | %.2f | %.2f |%n",
                    what,
                    s == direct ? "direct to the fake upstream (baseline)" : "through Panthera",
                    s.count(),
                    s.errors.get(),
                    s.ms(0.5),
                    s.ms(0.9),
                    s.ms(0.99),
                    s.ms(1.0)));
            if (s.lastError != null) {
                verdicts.append("- ")
                        .append(s.name)
                        .append(" ")
                        .append(what)
                        .append(", last error: ")
                        .append(ChatLoad.abbreviate(s.lastError))
                        .append('\n');
            }
        }
        double p99 = panthera.ms(0.99) - direct.ms(0.99);
        latency.append(String.format(
                "| **%s — added by Panthera** | | | **%+.2f** | %+.2f | **%+.2f** | %+.2f |%n",
                what,
                panthera.ms(0.5) - direct.ms(0.5),
                panthera.ms(0.9) - direct.ms(0.9),
                p99,
                panthera.ms(1.0) - direct.ms(1.0)));
        int pantheraCalls = panthera.sentAll.get();
        int upstreamCalls = pantheraCalls + direct.sentAll.get();
        verdicts.append(String.format(
                "- %s: CPU per request sent — Panthera %.2f ms (%,d requests in %,d ms of CPU), fake upstream %.2f ms%n",
                what,
                (double) cpu.pantheraMs() / pantheraCalls,
                pantheraCalls,
                cpu.pantheraMs(),
                (double) cpu.upstreamMs() / upstreamCalls));
        verdicts.append(String.format(
                "- %s: added p99 %.2f ms at %d req/s — target ≤ 5 ms %s%n",
                what, p99, rate, p99 <= 5 && panthera.errors.get() == 0 ? "**met**" : "**missed**"));
    }

    void streams(ChatStreams.Result r, int target, String why) {
        double perStreamKb = r.opened() == 0 ? 0 : (r.open().heapMb() - r.idle().heapMb()) * 1024 / r.opened();
        streams.append("| measure | idle (baseline) | with the streams open | after release |\n");
        streams.append("|---|---:|---:|---:|\n");
        streams.append(String.format(
                "| streams open (first token received; upstream holds) | 0 | **%,d** of %,d requested (%,d)"
                        + " | 0 |%n",
                r.opened(), r.requested(), r.upstreamHeld()));
        streams.append(String.format(
                "| heap used after full GC, MB (-Xmx1g) | %.0f | **%.0f** | %.0f |%n",
                r.idle().heapMb(), r.open().heapMb(), r.after().heapMb()));
        streams.append(String.format(
                "| heap committed, MB | %.0f | %.0f | %.0f |%n",
                r.idle().committedMb(), r.open().committedMb(), r.after().committedMb()));
        streams.append(String.format(
                "| live platform threads | %d | %d | %d |%n",
                r.idle().threads(), r.open().threads(), r.after().threads()));
        streams.append(String.format(
                "| RSS, MB | %d | %d | %d |%n",
                r.idle().rssMb(), r.open().rssMb(), r.after().rssMb()));
        streams.append(String.format(
                "| open file descriptors | %d | %d | %d |%n",
                r.idle().fds(), r.open().fds(), r.after().fds()));
        streams.append(String.format(
                "%nHeap per open stream: **%.1f KB** ((open − idle) / streams). Opening took %.1f s; after release"
                        + " %,d streams ended with [DONE], %,d failed (%,d before their first token) in %.1f s.%n",
                perStreamKb, r.openSeconds(), r.completed(), r.failed(), r.failedToOpen(), r.releaseSeconds()));
        if (r.lastError() != null) {
            streams.append("Last stream error: ")
                    .append(ChatLoad.abbreviate(r.lastError()))
                    .append('\n');
        }
        double projected = r.idle().heapMb() + perStreamKb * target / 1024;
        boolean held = r.opened() >= target && r.completed() >= target;
        verdicts.append(String.format(
                "- %,d concurrent streams with heap ≤ 1 GB: %s (held %,d; heap %.0f MB; at this rate %,d streams"
                        + " would take %.0f MB)%n",
                target,
                r.opened() == 0 || Double.isNaN(r.open().heapMb())
                        ? "**not measured** (no stream opened, or the node gave no metrics)"
                        : held && r.open().heapMb() <= 1024
                                ? "**met**"
                                : projected <= 1024 ? "**heap met, count not reached**" : "**missed**",
                r.opened(),
                r.open().heapMb(),
                target,
                projected));
        if (!why.isEmpty()) {
            verdicts.append("- ").append(why).append('\n');
        }
    }

    String markdown(Instant now) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                "%n<!-- chat-bench %s -->%nOpen loop, %d req/s to each path, interleaved; %d s warm-up (the rate rising"
                        + " from 5 %% to full over its first %d s), %d s measured;"
                        + " latency from the scheduled send time. Date: %s. Java %s.%n%n",
                now.truncatedTo(ChronoUnit.SECONDS),
                rate,
                warmup.toSeconds(),
                ramp.toSeconds(),
                measure.toSeconds(),
                now.truncatedTo(ChronoUnit.MINUTES),
                Runtime.version()));
        if (!latency.isEmpty()) {
            out.append("| request | measured | errors | p50 ms | p90 ms | p99 ms | max ms |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|\n");
            out.append(latency).append('\n');
        }
        out.append(streams).append('\n').append(verdicts);
        return out.toString();
    }
}
