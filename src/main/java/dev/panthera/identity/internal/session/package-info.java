/** Sessions, access tokens (JWT) and rotating refresh tokens with reuse detection. */
package dev.panthera.identity.internal.session;
