/**
 * The {@code solana} ownership oracle: the holder of an NFT mint over Solana JSON-RPC
 * ({@code getTokenLargestAccounts} of the mint, then the owner of the token account holding it),
 * its Metaplex Token Metadata URI (the metadata PDA read with {@code getAccountInfo}), and, when
 * the collection names one, membership of the mint in a verified Metaplex collection. Every call
 * is bounded by {@code panthera.ownership.rpc-timeout}.
 */
package dev.panthera.ownership.provider.solana;
