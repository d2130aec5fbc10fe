/** The HTTP face of identity: /v1/auth and /v1/api-keys routes and the bearer-token filter (access tokens and API keys). */
package dev.panthera.identity.web;
