/** The {@code EphemeralStore} implementations (in-process map, Redis) and the choice between them. */
package dev.panthera.platform.cache;
