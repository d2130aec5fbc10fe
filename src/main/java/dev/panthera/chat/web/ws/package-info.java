/**
 * The WebSocket at {@code /v1/ws}: chat messages with streamed replies, and channels a connection
 * subscribes to (now {@code conversation:<id>}); the protocol is described on {@link
 * dev.panthera.chat.web.ws.ChatSocketHandler}.
 */
package dev.panthera.chat.web.ws;
