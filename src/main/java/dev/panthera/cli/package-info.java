/** Command-line helpers that do not start the server. */
package dev.panthera.cli;
