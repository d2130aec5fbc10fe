/**
 * Billing's implementation: the ledger and budget tables, the per-minute counters in the ephemeral
 * store, budget periods, the admission decision and its headers, and the retention job.
 */
package dev.panthera.billing.internal;
