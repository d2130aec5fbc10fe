/** The ownership oracles, one per chain family, and what their HTTP clients share. */
package dev.panthera.ownership.provider;
