package dev.panthera.chat.web.ws;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** The {@code token} query parameter of the handshake URL, for clients that cannot send headers. */
final class QueryToken {

    private QueryToken() {}

    static String of(URI uri) {
        String query = uri == null ? null : uri.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=")) {
                String token = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8)
                        .strip();
                return token.isEmpty() ? null : token;
            }
        }
        return null;
    }
}
