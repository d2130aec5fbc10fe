package dev.panthera.agent.internal.metadata;

import dev.panthera.agent.internal.metadata.MetadataException.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * RFC 2397 {@code data:} URIs carrying JSON: {@code data:application/json;base64,...} and the
 * percent-encoded {@code data:application/json,{...}} (with optional {@code charset}/{@code utf8}
 * parameters), as on-chain NFTs write them. The decoded size is bounded like a download.
 */
final class DataUris {

    private DataUris() {}

    static byte[] decode(String uri, int maxBytes) {
        int comma = uri.indexOf(',');
        if (comma < 0) {
            throw new MetadataException(Kind.UNSUPPORTED_URI, "data: URI has no ',' before its data");
        }
        String[] header = uri.substring("data:".length(), comma).split(";");
        String mediaType = header[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new MetadataException(
                    Kind.UNSUPPORTED_URI,
                    "data: URI must be application/json, not " + (mediaType.isEmpty() ? "text/plain" : mediaType));
        }
        boolean base64 = false;
        for (int i = 1; i < header.length; i++) {
            String parameter = header[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.equals("base64")) {
                base64 = true;
            } else if (!parameter.startsWith("charset=") && !parameter.equals("utf8")) {
                throw new MetadataException(
                        Kind.UNSUPPORTED_URI, "data: URI parameter '" + parameter + "' is not supported");
            }
        }
        String data = uri.substring(comma + 1);
        // base64 grows data by 4/3, percent-encoding by up to 3: refuse before decoding anything huge
        if ((long) data.length() > (base64 ? (maxBytes + 2L) / 3 * 4 + 4 : 3L * maxBytes)) {
            throw tooLarge(maxBytes);
        }
        byte[] bytes = base64 ? base64(data) : percentDecode(data);
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return bytes;
    }

    private static byte[] base64(String data) {
        try {
            // whitespace (line-wrapped base64) is tolerated, any other stray character is not
            String compact = data.replace("%2B", "+")
                    .replace("%2F", "/")
                    .replace("%3D", "=")
                    .replaceAll("\\s", "");
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new MetadataException(Kind.BAD_JSON, "data: URI is marked base64 but its data is not valid base64");
        }
    }

    private static byte[] percentDecode(String data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length());
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '%') {
                if (i + 2 >= data.length()
                        || Character.digit(data.charAt(i + 1), 16) < 0
                        || Character.digit(data.charAt(i + 2), 16) < 0) {
                    throw new MetadataException(Kind.BAD_JSON, "data: URI has a broken %-escape at position " + i);
                }
                out.write(Character.digit(data.charAt(i + 1), 16) * 16 + Character.digit(data.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                // chains store strings as UTF-8; a raw non-ASCII character stands for its UTF-8 bytes
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < data.length()) {
                    utf8 = data.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                out.write(utf8, 0, utf8.length);
            }
        }
        return out.toByteArray();
    }

    private static MetadataException tooLarge(int maxBytes) {
        return new MetadataException(Kind.TOO_LARGE, "data: URI holds more than " + maxBytes + " bytes");
    }
}
