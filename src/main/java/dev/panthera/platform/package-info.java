/**
 * The platform under the capabilities: storage (embedded or external PostgreSQL), the ephemeral
 * store, secrets at rest, problem responses and logging. Modules use it through {@code shared}
 * interfaces; nothing depends on its classes directly.
 */
package dev.panthera.platform;
