/** PostgreSQL: the embedded server started from Maven Central binaries, or any server by URL. */
package dev.panthera.platform.storage;
