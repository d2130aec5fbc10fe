/**
 * The agent bound to each NFT (seed 001 iNFT agent registry, seed 000 AgentInfo, seed 004 Persona):
 * its configuration from the token's metadata with the owner's overrides, persona, status,
 * performance counters and a history of config versions. Other modules use {@link
 * dev.panthera.agent.AgentService}; collection owners use {@link dev.panthera.agent.SealedMetadata}
 * to seal metadata.
 */
package dev.panthera.agent;
