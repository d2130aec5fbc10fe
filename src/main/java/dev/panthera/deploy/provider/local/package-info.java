/** The {@code local} provider: agents run inside Panthera, on its chat path, with their own health endpoint. */
package dev.panthera.deploy.provider.local;
