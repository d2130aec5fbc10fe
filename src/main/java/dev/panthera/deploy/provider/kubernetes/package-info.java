/** The {@code kubernetes} deployment provider: a Deployment, Service, Secret (and Ingress) per agent via fabric8. */
package dev.panthera.deploy.provider.kubernetes;
