-- The cluster-safe job queue (DESIGN.md §2, platform.jobs). Every node claims due jobs with
-- "for update skip locked" under a lease (locked_until, on the database clock) that it renews while
-- working; a job whose lease ran out (its node died) is claimed again by whichever node polls next.
-- Payloads hold ids, never secrets; last_error holds an exception class and message or a handler's
-- reason, never payload contents.
create table jobs (
    id            uuid         primary key,
    kind          text         not null,
    payload       text         not null default '',
    state         text         not null check (state in ('queued', 'running', 'done', 'failed')),
    run_at        timestamptz  not null,
    -- runs started (claims), polls included; the handler sees it as Job.attempt
    attempts      integer      not null default 0,
    -- failures in a row (exceptions and expired leases); reset by a RetryAt poll; the job fails at max_attempts
    errors        integer      not null default 0,
    max_attempts  integer      not null,
    dedup_key     text,
    locked_by     text,
    locked_until  timestamptz,
    last_error    text,
    created_at    timestamptz  not null default now(),
    updated_at    timestamptz  not null default now(),
    finished_at   timestamptz
);

-- at most one live job per dedup key; finished jobs do not block a new one
create unique index uq_jobs_dedup_live on jobs (dedup_key) where state in ('queued', 'running');
-- claiming: due queued jobs and running jobs whose lease ran out
create index idx_jobs_claim on jobs (state, run_at);
create index idx_jobs_lease on jobs (locked_until) where state = 'running';
-- retention of finished jobs
create index idx_jobs_finished on jobs (finished_at) where state in ('done', 'failed');
