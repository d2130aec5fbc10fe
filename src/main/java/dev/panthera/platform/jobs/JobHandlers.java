package dev.panthera.platform.jobs;

import dev.panthera.shared.JobHandler;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The job handler beans by kind, resolved on first use rather than when the queue is built, so a
 * handler may itself inject the {@link dev.panthera.shared.JobQueue} (a handler that queues its
 * next step) without a bean cycle. The worker asks at start, so wiring mistakes still stop startup.
 */
final class JobHandlers {

    private final Supplier<List<JobHandler>> beans;
    private volatile Map<String, JobHandler> byKind;

    JobHandlers(Supplier<List<JobHandler>> beans) {
        this.beans = beans;
    }

    static JobHandlers of(List<JobHandler> handlers) {
        return new JobHandlers(() -> handlers);
    }

    Set<String> kinds() {
        return byKind().keySet();
    }

    /** The handler of a kind; null when this node has none. */
    JobHandler get(String kind) {
        return byKind().get(kind);
    }

    private Map<String, JobHandler> byKind() {
        Map<String, JobHandler> known = byKind;
        if (known == null) {
            known = index(beans.get());
            byKind = known;
        }
        return known;
    }

    /** One handler per kind; two beans claiming one kind is a wiring mistake. */
    static Map<String, JobHandler> index(List<JobHandler> handlers) {
        return handlers.stream().collect(Collectors.toUnmodifiableMap(JobHandler::kind, Function.identity(), (a, b) -> {
            throw new IllegalStateException("two JobHandler beans do kind '" + a.kind() + "': "
                    + a.getClass().getName() + " and " + b.getClass().getName());
        }));
    }
}
