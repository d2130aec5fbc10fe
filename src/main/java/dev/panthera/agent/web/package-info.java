/**
 * The HTTP face of agents: {@code /v1/agents}. Every route that names an agent checks that the
 * caller owns its NFT now ({@code NOT_OWNER} otherwise), so access follows the token at once;
 * retiring is an admin's call. Where exactly one collection is configured, the collection segment
 * may be left out ({@code /v1/agents/{token_id}/...}).
 */
package dev.panthera.agent.web;
