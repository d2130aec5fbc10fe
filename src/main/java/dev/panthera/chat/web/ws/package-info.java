/**
 * The WebSocket at {@code /v1/ws}: chat messages with streamed replies, and channels a connection
 * subscribes to ({@code conversation:<id>} here; other modules add kinds such as {@code
 * deployment:<id>} through {@link dev.panthera.chat.ChannelKind}), also reachable one channel per
 * socket at {@code /v1/ws/<kind>s/<id>}; the protocol is described on {@link
 * dev.panthera.chat.web.ws.ChatSocketHandler}.
 */
package dev.panthera.chat.web.ws;
