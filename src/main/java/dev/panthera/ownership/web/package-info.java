/** The HTTP face of ownership: /v1/nfts and the dev chain's /v1/dev/nfts. */
package dev.panthera.ownership.web;
