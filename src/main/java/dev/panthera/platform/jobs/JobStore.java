package dev.panthera.platform.jobs;

import dev.panthera.shared.JobQueue.JobView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code jobs} table. Every lease and due time is computed with the database's clock
 * ({@code now()}), so nodes whose clocks drift still agree on when a lease ran out. Updates made on
 * behalf of a claim match on {@code locked_by} and {@code attempts}: a node that lost its claim
 * changes nothing.
 */
class JobStore {

    private static final String LIVE = "state in ('queued', 'running')";

    private final JdbcClient jdbc;

    JobStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts a queued job; empty when a live job already holds {@code dedupKey}. A job due now is
     * announced on {@value JobListener#CHANNEL} (payload: its kind) in the same statement, so the
     * notification is delivered when, and only if, the caller's transaction commits.
     */
    Optional<UUID> insert(String kind, String payload, Instant runAt, String dedupKey, int maxAttempts) {
        return jdbc.sql("with j as (insert into jobs (id, kind, payload, state, run_at, max_attempts, dedup_key)"
                        + " values (?, ?, ?, 'queued', coalesce(?, now()), ?, ?)"
                        + " on conflict (dedup_key) where " + LIVE + " do nothing returning id, kind, run_at)"
                        + " select j.id, " + notify("j") + " from j")
                .params(UUID.randomUUID(), kind, payload == null ? "" : payload, ts(runAt), maxAttempts, dedupKey)
                .query((rs, n) -> rs.getObject(1, UUID.class))
                .optional();
    }

    /** A select-list term that notifies listeners of a due job of {@code alias} (a row with kind and run_at). */
    private static String notify(String alias) {
        return "case when " + alias + ".run_at <= now() then pg_notify('" + JobListener.CHANNEL + "', " + alias
                + ".kind) end";
    }

    Optional<JobView> find(UUID id) {
        return jdbc.sql("select id, kind, state, attempts, last_error, run_at, finished_at from jobs where id = ?")
                .param(id)
                .query((rs, n) -> new JobView(
                        rs.getObject("id", UUID.class),
                        rs.getString("kind"),
                        rs.getString("state"),
                        rs.getInt("attempts"),
                        rs.getString("last_error"),
                        instant(rs, "run_at"),
                        instant(rs, "finished_at")))
                .optional();
    }

    /**
     * Claims up to {@code limit} jobs of the given kinds in one statement: due queued jobs, and
     * running jobs whose lease ran out (their node died; that counts as a failure in a row). Rows
     * another node is claiming at this moment are skipped, not waited for.
     */
    List<ClaimedJob> claim(String node, Duration lease, Collection<String> kinds, int limit) {
        if (limit <= 0 || kinds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("with next as materialized (select id from jobs where kind = any(?) and"
                        + " ((state = 'queued' and run_at <= now()) or (state = 'running' and locked_until < now()))"
                        + " order by run_at limit ? for update skip locked)"
                        + " update jobs j set state = 'running', locked_by = ?,"
                        + " locked_until = now() + ? * interval '1 millisecond',"
                        + " errors = j.errors + case when j.state = 'running' then 1 else 0 end,"
                        + " attempts = j.attempts + 1, updated_at = now()"
                        + " from next where j.id = next.id"
                        + " returning j.id, j.kind, j.payload, j.attempts, j.errors, j.max_attempts, j.created_at")
                .params(kinds.toArray(String[]::new), limit, node, lease.toMillis())
                .query((rs, n) -> new ClaimedJob(
                        rs.getObject("id", UUID.class),
                        rs.getString("kind"),
                        rs.getString("payload"),
                        rs.getInt("attempts"),
                        rs.getInt("errors"),
                        rs.getInt("max_attempts"),
                        instant(rs, "created_at")))
                .list();
    }

    /** Extends the lease of a job this node still holds; false when it was taken over. */
    boolean renew(ClaimedJob job, String node, Duration lease) {
        return jdbc.sql("update jobs set locked_until = now() + ? * interval '1 millisecond'"
                                + " where id = ? and locked_by = ? and attempts = ? and state = 'running'")
                        .params(lease.toMillis(), job.id(), node, job.attempt())
                        .update()
                > 0;
    }

    /** Finished for good (done or failed). The finishing node stays in {@code locked_by}. */
    boolean finish(ClaimedJob job, String node, boolean done, String lastError) {
        return jdbc.sql(
                                "update jobs set state = ?, last_error = ?, locked_until = null, finished_at = now(),"
                                        + " updated_at = now() where id = ? and locked_by = ? and attempts = ? and state = 'running'")
                        .params(done ? "done" : "failed", lastError, job.id(), node, job.attempt())
                        .update()
                > 0;
    }

    /** Queued again at {@code at} (null = now): a poll (RetryAt), which clears the failures in a row. */
    boolean requeueAt(ClaimedJob job, String node, Instant at, String note) {
        return jdbc.sql(
                                "update jobs set state = 'queued', run_at = coalesce(?, now()), errors = 0, last_error = ?, locked_by = null,"
                                        + " locked_until = null, updated_at = now()"
                                        + " where id = ? and locked_by = ? and attempts = ? and state = 'running'")
                        .params(ts(at), note, job.id(), node, job.attempt())
                        .update()
                > 0;
    }

    /** Queued again after {@code backoff} (database clock) with one more failure in a row. */
    boolean requeueAfterError(ClaimedJob job, String node, Duration backoff, String error) {
        return jdbc.sql("update jobs set state = 'queued', run_at = now() + ? * interval '1 millisecond',"
                                + " errors = errors + 1, last_error = ?, locked_by = null, locked_until = null, updated_at = now()"
                                + " where id = ? and locked_by = ? and attempts = ? and state = 'running'")
                        .params(backoff.toMillis(), error, job.id(), node, job.attempt())
                        .update()
                > 0;
    }

    /**
     * Hands a job back on shutdown, due at once and announced, so another node takes it without
     * waiting for the lease or its next poll.
     */
    boolean release(ClaimedJob job, String node) {
        return jdbc.sql("with j as (update jobs set state = 'queued', run_at = now(), locked_by = null,"
                                + " locked_until = null, updated_at = now()"
                                + " where id = ? and locked_by = ? and attempts = ? and state = 'running'"
                                + " returning kind, run_at)"
                                + " select " + notify("j") + " from j")
                        .params(job.id(), node, job.attempt())
                        .query((rs, n) -> Boolean.TRUE)
                        .list()
                        .size()
                > 0;
    }

    /** Deletes finished jobs older than {@code keep}; idempotent, so every node may run it. */
    int purgeFinished(Duration keep) {
        return jdbc.sql("delete from jobs where state in ('done', 'failed')"
                        + " and finished_at < now() - ? * interval '1 millisecond'")
                .param(keep.toMillis())
                .update();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
