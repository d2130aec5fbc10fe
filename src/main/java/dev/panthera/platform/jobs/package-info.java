/**
 * The cluster-safe background job queue behind {@code shared.JobQueue}: jobs in PostgreSQL, claimed
 * with SKIP LOCKED under renewed leases, run on virtual threads by {@code JobHandler} beans.
 */
package dev.panthera.platform.jobs;
