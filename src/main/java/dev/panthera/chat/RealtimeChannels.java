package dev.panthera.chat;

/**
 * Sends frames to the WebSocket connections subscribed to a channel (see {@link ChannelKind}), on
 * every node: those connected here at once, those on other nodes through the shared message bus
 * (Redis pub/sub when {@code panthera.redis-url} is set; one node needs none).
 */
public interface RealtimeChannels {

    /**
     * Sends {@code frame} (JSON text) to every connection subscribed to {@code channel}, given in
     * its canonical spelling {@code <name>:<id>}; a channel nobody follows drops it. Never throws
     * for a connection that is gone or slow (that connection is closed instead).
     */
    void publish(String channel, String frame);
}
