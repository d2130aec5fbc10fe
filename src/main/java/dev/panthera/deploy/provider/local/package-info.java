/**
 * The {@code local} provider: agents run inside Panthera, on its chat path, with their own health
 * endpoint. The registry of running agents lives in the ephemeral store, so with several nodes set
 * {@code panthera.redis-url}: then every node serves every local agent and health checks agree;
 * without Redis each node sees only its own agents and the others' health checks restart them.
 */
package dev.panthera.deploy.provider.local;
