/**
 * The {@code akash} provider: an SDL generated from the agent's image and resources, deployed through
 * the Akash Console managed-wallet API (deployment, cheapest bid, lease). See README.md here.
 */
package dev.panthera.deploy.provider.akash;
