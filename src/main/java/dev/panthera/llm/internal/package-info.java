/** The gateway's routing (model to provider), retries before the first token and circuit breakers. */
package dev.panthera.llm.internal;
