package dev.panthera.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Panthera process holds, read from outside it: heap used after a full GC ({@code jcmd
 * GC.run}, then the {@code jvm_memory_used_bytes{area="heap"}} series of /actuator/prometheus),
 * live platform threads (virtual threads are not counted by the JVM's thread metrics), RSS and open
 * file descriptors from /proc.
 */
final class ChatProbe {

    private static final Pattern HEAP =
            Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} (\\S+)");
    private static final Pattern COMMITTED =
            Pattern.compile("(?m)^jvm_memory_committed_bytes\\{[^}]*area=\"heap\"[^}]*\\} (\\S+)");
    private static final Pattern THREADS = Pattern.compile("(?m)^jvm_threads_live_threads(?:\\{[^}]*\\})? (\\S+)");

    /** USER_HZ: clock ticks per second in /proc, 100 on every Linux we run on. */
    private static final long TICKS = 100;

    private final long pid;
    private final String jcmd;
    private final URI prometheus;
    private final HttpClient http = HttpClient.newHttpClient();

    ChatProbe(long pid, String jcmd, String baseUrl) {
        this.pid = pid;
        this.jcmd = jcmd;
        this.prometheus = URI.create(baseUrl + "/actuator/prometheus");
    }

    record Snapshot(double heapMb, double committedMb, int threads, long rssMb, int fds) {}

    /** Never throws: a node that is out of memory answers nothing, which the figures then show (NaN, -1). */
    Snapshot afterGc() throws InterruptedException {
        String metrics = "";
        try {
            Process gc = new ProcessBuilder(jcmd, Long.toString(pid), "GC.run")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!gc.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                gc.destroyForcibly();
            }
            metrics = http.send(
                            HttpRequest.newBuilder(prometheus)
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            System.err.println("   no metrics from the node: " + e);
        }
        if (!metrics.contains("jvm_memory_used_bytes")) {
            return new Snapshot(Double.NaN, Double.NaN, -1, rssMb(), openFds());
        }
        return new Snapshot(
                sum(HEAP, metrics) / 1048576,
                sum(COMMITTED, metrics) / 1048576,
                (int) sum(THREADS, metrics),
                rssMb(),
                openFds());
    }

    private static double sum(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    long rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        return -1;
    }

    int openFds() {
        String[] fds = new File("/proc/" + pid + "/fd").list();
        return fds == null ? -1 : fds.length;
    }

    /** Writes the heap's class histogram (live objects, so after a full GC) to {@code file}. */
    void histogram(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true)
                .redirectOutput(file.toFile())
                .start();
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    /** Dumps the node's running flight recording (if {@code CHAT_BENCH_JFR=1} started one) to {@code file}. */
    void jfrDump(Path file) throws IOException, InterruptedException {
        new ProcessBuilder(jcmd, Long.toString(pid), "JFR.dump", "filename=" + file)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** CPU time (user + system) the process has used so far, in ms; -1 when /proc cannot tell. */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    long cpuMillis() {
        return cpuMillis(pid);
    }

    /** The process's soft limit on open files (what it can actually use). */
    long fdLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
            if (line.startsWith("Max open files")) {
                return Long.parseLong(
                        line.substring("Max open files".length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }
}
