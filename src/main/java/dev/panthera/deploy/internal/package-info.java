/** The deployment lifecycle: storage, the one transition path, the jobs that drive providers, health and reconciliation. */
package dev.panthera.deploy.internal;
