package dev.panthera.chat.web.ws;

import dev.panthera.identity.WalletPrincipal;

/**
 * One kind of channel a connection may subscribe to, named {@code <name>:<id>} on the wire
 * ({@code conversation:<uuid>}; later {@code deployment:<id>}, {@code room:<id>}). A kind is a
 * bean: {@link Channels} picks up every one, so a new kind needs no change to the handler. To let
 * other modules add kinds, this and {@link Channels} would move to a module's public package.
 */
interface ChannelKind {

    /** The prefix before the colon. */
    String name();

    /**
     * Checks that the caller may watch the channel with this id and returns the id's canonical
     * spelling; throws PantheraException (VALIDATION_FAILED, NOT_FOUND, NOT_OWNER, ...) otherwise.
     */
    String authorize(WalletPrincipal caller, String id);

    /** The id's canonical spelling, without checking access (for unsubscribing). */
    String canonical(String id);
}
