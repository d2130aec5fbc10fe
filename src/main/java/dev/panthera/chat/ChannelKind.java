package dev.panthera.chat;

import dev.panthera.identity.WalletPrincipal;
import java.util.List;

/**
 * One kind of real-time channel on the WebSocket, named {@code <name>:<id>} on the wire
 * ({@code conversation:<uuid>}, {@code deployment:<uuid>}, later {@code room:<id>}). Any module may
 * add a kind by declaring a bean of this type; the socket picks up every one. A client subscribes
 * with {@code {"type":"subscribe","channel":"<name>:<id>"}} on {@code /v1/ws}, or connects to
 * {@code /v1/ws/<name>s/<id>} to follow that one channel. Frames reach a kind's subscribers
 * through {@link RealtimeChannels}.
 */
public interface ChannelKind {

    /** The prefix before the colon; its plural ({@code name() + "s"}) is the URL segment. */
    String name();

    /**
     * Checks that the caller may watch the channel with this id and returns the id's canonical
     * spelling; throws PantheraException (VALIDATION_FAILED, NOT_FOUND, NOT_OWNER, ...) otherwise.
     */
    String authorize(WalletPrincipal caller, String id);

    /** The id's canonical spelling, without checking access (for unsubscribing). */
    String canonical(String id);

    /**
     * The frames (JSON text) a new subscriber gets at once, so that it need not wait for the next
     * change to learn where things stand; none by default. Called just after subscribing, so a
     * change in between is sent too rather than lost; {@code id} is canonical.
     */
    default List<String> current(WalletPrincipal caller, String id) {
        return List.of();
    }
}
