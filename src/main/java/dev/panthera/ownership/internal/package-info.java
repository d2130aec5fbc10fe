/** The ownership service: collection catalog, cache, transfer watching and the nft_verifications log. */
package dev.panthera.ownership.internal;
