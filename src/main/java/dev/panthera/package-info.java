/** Panthera: a self-hosted platform where an NFT is the key to an AI agent. */
package dev.panthera;
