/** Wallet sign-in cryptography: SIWE/SIWS message grammar, wallet addresses, per-chain signature verification. */
package dev.panthera.identity.internal.wallet;
