/** NFT ownership: collections, an ownership oracle per chain, the ownership cache and transfer watching. */
package dev.panthera.ownership;
