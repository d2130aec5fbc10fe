/**
 * Agent deployments (seed 000 Deployments, Deployment Events, DeploymentRequest/Response/Status,
 * AgentHealth): one active deployment per NFT on a provider (local, kubernetes, docker, akash,
 * secret_vm), driven through {@link dev.panthera.deploy.DeploymentState}'s state machine by jobs on
 * the cluster-safe queue, health-checked, and stopped when the NFT changes hands.
 */
package dev.panthera.deploy;
