/** Panthera API keys: owner-made keys for OpenAI-compatible clients, scoped to agents, stored hashed, revocable. */
package dev.panthera.identity.internal.apikey;
