/**
 * Fixed-window rate limits on {@code /v1/**}. A route key is the path under {@code /v1} with its id
 * segments dropped and the rest joined by {@code .}: a segment is kept when it is 1–32 lower-case
 * letters, {@code -} or {@code _}, so {@code /v1/auth/challenge} → {@code auth.challenge},
 * {@code /v1/deployments/3fa85f64-…} → {@code deployments}, {@code /v1/agents/panthers/42/chat} →
 * {@code agents.panthers.chat}. Counters are {@code rate:{wallet or ip:addr}:{route key}};
 * {@code panthera.rate-limits.routes.<route key>} overrides a route's limit.
 */
package dev.panthera.identity.internal.ratelimit;
