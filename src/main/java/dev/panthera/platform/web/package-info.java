/** HTTP plumbing shared by every module: problem+json for every error, the clock. */
package dev.panthera.platform.web;
