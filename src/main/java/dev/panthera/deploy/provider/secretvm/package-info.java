/**
 * The {@code secret_vm} provider: a docker-compose for a SecretVM confidential VM, driven through the
 * SecretAI portal API, with the VM's attestation quote kept with the deployment. See README.md here.
 */
package dev.panthera.deploy.provider.secretvm;
