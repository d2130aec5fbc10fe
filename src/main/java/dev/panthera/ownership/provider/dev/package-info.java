/** The dev chain: an NFT registry in Panthera's own database, the offline default. */
package dev.panthera.ownership.provider.dev;
