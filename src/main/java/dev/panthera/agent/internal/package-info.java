/**
 * The agent registry: one agent per NFT, created on first access from the token's metadata;
 * effective settings = the last good metadata with the owner's overrides on top; a version row for
 * every change (metadata, owner, transfer); status transitions; performance counters; and the
 * owner following {@code OwnershipTransferred}.
 */
package dev.panthera.agent.internal;
