/**
 * The {@code evm} ownership oracle: ERC-721 {@code ownerOf}, {@code tokenURI} and {@code Transfer}
 * logs over Ethereum JSON-RPC (web3j over OkHttp, one client per rpc-url, every call bounded by
 * {@code panthera.ownership.rpc-timeout}).
 */
package dev.panthera.ownership.provider.evm;
