/** The deployment routes: {@code /v1/deployments}. */
package dev.panthera.deploy.web;
