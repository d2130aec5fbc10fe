package dev.panthera.chat;

/**
 * Sends frames to the WebSocket connections subscribed to a channel (see {@link ChannelKind}).
 * Subscriptions are held per node: a frame reaches the subscribers connected to this instance only.
 */
public interface RealtimeChannels {

    /**
     * Sends {@code frame} (JSON text) to every connection subscribed to {@code channel}, given in
     * its canonical spelling {@code <name>:<id>}; a channel nobody follows drops it. Never throws
     * for a connection that is gone or slow (that connection is closed instead).
     */
    void publish(String channel, String frame);
}
