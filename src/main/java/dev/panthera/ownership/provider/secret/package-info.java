/**
 * The {@code cosmos} ownership oracle for Secret Network: SNIP-721 {@code owner_of} (through a
 * SNIP-24 query permit) and {@code nft_info} over the LCD REST API, each query encrypted for the
 * enclave as secretjs does it. README.md in this directory says what is verified and what is not.
 */
package dev.panthera.ownership.provider.secret;
