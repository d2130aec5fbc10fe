/** Wallet sign-in (EVM, Cosmos/Secret, Solana), sessions, access and refresh tokens, auth levels, rate limits. */
package dev.panthera.identity;
