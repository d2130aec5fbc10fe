/**
 * The {@code offline} provider: a deterministic responder that answers from the persona and the
 * conversation with no model and no network, so the platform works (and tests run) anywhere.
 */
package dev.panthera.llm.provider.offline;
