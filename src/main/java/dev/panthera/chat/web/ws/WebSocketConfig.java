package dev.panthera.chat.web.ws;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Mounts the WebSocket at {@code /v1/ws}, and at {@code /v1/ws/<kind>s/<id>} for a socket that
 * follows one channel (e.g. {@code /v1/ws/deployments/<uuid>}). Any origin may connect: the socket
 * authenticates by a token the client sends, never by cookies, so a foreign page gains nothing
 * from a browser's ambient credentials (the reason same-origin checks exist).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfig implements WebSocketConfigurer {

    static final String PATH = "/v1/ws";

    private final ChatSocketHandler handler;

    WebSocketConfig(ChatSocketHandler handler) {
        this.handler = handler;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, PATH, PATH + "/*/*").setAllowedOriginPatterns("*");
    }
}
