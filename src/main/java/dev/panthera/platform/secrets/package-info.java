/** Secrets at rest: the master key and the AES-256-GCM box that seals what goes to disk or tables. */
package dev.panthera.platform.secrets;
