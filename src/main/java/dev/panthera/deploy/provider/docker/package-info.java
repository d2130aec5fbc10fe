/**
 * The {@code docker} deployment provider: one container per agent on a Docker Engine, driven
 * through docker-java over its Apache HttpClient 5 transport.
 */
package dev.panthera.deploy.provider.docker;
