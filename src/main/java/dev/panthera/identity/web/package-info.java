/** The HTTP face of identity: /v1/auth routes and the bearer-token filter. */
package dev.panthera.identity.web;
