/** The provider SPI: where an agent runs (local, kubernetes, docker, akash, secret_vm). */
package dev.panthera.deploy.spi;
