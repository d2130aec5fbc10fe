package dev.panthera.platform.jobs;

import dev.panthera.shared.PantheraProperties;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * This node's share of the queue. A poller thread claims up to the free worker slots every poll
 * interval (at once when woken by a local enqueue, a finished job or a {@link JobListener}
 * notification of another node's enqueue) and runs each job on a virtual thread; another thread renews the leases of the jobs running here every third of the lease. On
 * shutdown it stops claiming, waits a while for running jobs, then hands the rest back so another
 * node takes them at once instead of after the lease.
 */
class JobWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

    /** How soon a lost listening connection is opened again (polling goes on meanwhile). */
    static final Duration LISTEN_RETRY = Duration.ofSeconds(2);

    private final JobStore store;
    private final JobRunner runner;
    private final JobHandlers handlers;
    private final PantheraProperties.Jobs config;
    private final String node;
    private final Duration drainTimeout;
    private final JobListener.Connections listenConnections;

    private final Map<UUID, ClaimedJob> running = new ConcurrentHashMap<>();
    private final Semaphore slots;
    private final Semaphore wakeups = new Semaphore(0);
    private final AtomicLong rounds = new AtomicLong();
    private volatile boolean active;
    private Thread poller;
    private ExecutorService executor;
    private ScheduledExecutorService renewer;
    private JobListener listener;

    JobWorker(
            JobStore store,
            JobRunner runner,
            JobHandlers handlers,
            PantheraProperties.Jobs config,
            String node,
            Duration drainTimeout,
            JobListener.Connections listenConnections) {
        this.store = store;
        this.runner = runner;
        this.handlers = handlers;
        this.config = config;
        this.node = node;
        this.drainTimeout = drainTimeout;
        this.listenConnections = listenConnections;
        this.slots = new Semaphore(Math.max(1, config.workers()));
    }

    String node() {
        return node;
    }

    /** Claim rounds finished so far (polls and wake-ups); tests wait on it for a node to be idle. */
    long claimRounds() {
        return rounds.get();
    }

    /** Looks for work now rather than at the next poll (a job was enqueued here or announced). */
    void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    @Override
    public synchronized void start() {
        if (active) {
            return;
        }
        if (!config.enabled()) {
            log.info(
                    "Jobs: node {} claims nothing (panthera.jobs.enabled=false); enqueued jobs wait for other nodes",
                    node);
            return;
        }
        log.info(
                "Jobs: node {} runs up to {} jobs of {} kind(s), lease {}, poll every {}{}",
                node,
                config.workers(),
                handlers.kinds().size(),
                config.lease(),
                config.pollInterval(),
                listens() ? ", woken by NOTIFY " + JobListener.CHANNEL : "");
        active = true;
        executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("job-", 0).factory());
        renewer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("jobs-lease").daemon().factory());
        long every = Math.max(1, config.lease().toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
        poller = Thread.ofPlatform().name("jobs-poller").daemon().start(this::poll);
        if (listens()) {
            listener = new JobListener(listenConnections, handlers::kinds, this::wake, LISTEN_RETRY);
            listener.start();
        }
    }

    private boolean listens() {
        return config.listen() && listenConnections != null;
    }

    private void poll() {
        while (active) {
            try {
                int free = slots.availablePermits();
                if (free > 0) {
                    for (ClaimedJob job : store.claim(node, config.lease(), handlers.kinds(), free)) {
                        launch(job);
                    }
                }
            } catch (RuntimeException e) {
                log.warn(
                        "Jobs: claiming failed ({}); trying again in {}",
                        e.getClass().getName(),
                        config.pollInterval());
            } finally {
                rounds.incrementAndGet();
            }
            try {
                wakeups.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void launch(ClaimedJob job) {
        slots.acquireUninterruptibly();
        running.put(job.id(), job);
        executor.execute(() -> {
            try {
                runner.run(job);
            } catch (RuntimeException e) {
                // the outcome could not be recorded (database gone?): the lease runs out and the job runs again
                log.warn(
                        "Job {} ({}): recording the outcome failed: {}",
                        job.id(),
                        job.kind(),
                        e.getClass().getName());
            } finally {
                running.remove(job.id(), job);
                slots.release();
                wake();
            }
        });
    }

    private void renewLeases() {
        for (ClaimedJob job : running.values()) {
            try {
                // a job that finished since the snapshot has no lease left to renew: not a loss
                if (!store.renew(job, node, config.lease()) && running.get(job.id()) == job) {
                    log.warn("Job {} ({}) attempt {}: lease lost to another node", job.id(), job.kind(), job.attempt());
                }
            } catch (RuntimeException e) {
                log.warn(
                        "Job {}: renewing the lease failed: {}",
                        job.id(),
                        e.getClass().getName());
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (!active) {
            return;
        }
        active = false;
        if (listener != null) {
            listener.stop();
            listener = null;
        }
        poller.interrupt();
        joinQuietly(poller);
        executor.shutdown();
        boolean drained = awaitQuietly(executor, drainTimeout);
        int handedBack = 0;
        if (!drained) {
            for (ClaimedJob job : running.values()) {
                try {
                    handedBack += store.release(job, node) ? 1 : 0;
                } catch (RuntimeException e) {
                    log.warn(
                            "Job {}: handing back failed ({}); it runs again after its lease",
                            job.id(),
                            e.getClass().getName());
                }
            }
            executor.shutdownNow();
            awaitQuietly(executor, Duration.ofSeconds(1));
        }
        renewer.shutdownNow();
        log.info("Jobs: node {} stopped; {} running job(s) handed back", node, handedBack);
    }

    @Override
    public boolean isRunning() {
        return active;
    }

    /** Among the first to stop on shutdown, long before the database pool closes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean awaitQuietly(ExecutorService executor, Duration timeout) {
        try {
            return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
