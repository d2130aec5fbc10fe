/**
 * Metering and quotas (seed 001 token_transactions, agent_operations): the ledger of every model
 * call per wallet, API key, agent, conversation and model; requests/min, tokens/min and token
 * budgets per wallet and per key; usage reports. Other modules use {@link
 * dev.panthera.billing.BillingService}.
 */
package dev.panthera.billing;
