package dev.panthera.chat.web.ws;

/**
 * Joins the parts of one text message (the container hands a long message over in parts) and
 * keeps at most {@code maxBytes} of UTF-8 per connection: a longer message is dropped part by
 * part as it arrives, so a huge frame costs an error, never memory. Used from the connection's
 * reading thread only.
 */
final class FrameAssembler {

    /** What a part completed: nothing yet, a whole message, or an oversized one (dropped). */
    sealed interface Result {}

    record Partial() implements Result {}

    record Complete(String text) implements Result {}

    record Oversized(long bytes) implements Result {}

    private static final Partial PARTIAL = new Partial();

    private final int maxBytes;
    private final StringBuilder buffer = new StringBuilder();
    private long bytes;

    FrameAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    Result append(String part, boolean last) {
        bytes += utf8Length(part);
        if (bytes <= maxBytes) {
            buffer.append(part);
        } else {
            buffer.setLength(0);
            buffer.trimToSize();
        }
        if (!last) {
            return PARTIAL;
        }
        long total = bytes;
        bytes = 0;
        if (total > maxBytes) {
            return new Oversized(total);
        }
        String text = buffer.toString();
        buffer.setLength(0);
        return new Complete(text);
    }

    /** UTF-8 length without encoding: a surrogate pair is 4 bytes, so each half counts 2. */
    static long utf8Length(CharSequence s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                n += 2;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
