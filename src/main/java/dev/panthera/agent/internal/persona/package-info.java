/**
 * Personas (seed 004): stored per agent, validated against fixed limits, imported from ElizaOS
 * character files, and rendered with the agent's config into one system prompt by {@link
 * dev.panthera.agent.internal.persona.PromptComposer}.
 */
package dev.panthera.agent.internal.persona;
