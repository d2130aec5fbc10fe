/** The HTTP face of billing: {@code GET /v1/usage}, the caller's model usage by agent, model and day. */
package dev.panthera.billing.web;
