package dev.panthera.platform.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where the value after a sensitive key ends, in whatever notation it was written: JSON
 * ({@code "k":"v"}, also escaped inside a JSON string), {@code k='v'}, objects and arrays, record
 * and map {@code toString()} ({@code k=v, next=…}), query strings and headers ({@code k: v}).
 */
final class KeyValues {

    /** Keys whose values are prose or header lines: the value runs on past spaces. */
    private static final Pattern WIDE = Pattern.compile("(?i)authorization|cookie|prompt");
    /** In {@code Record[a=x, b=y]} the next field starts the next value. */
    private static final Pattern NEXT_FIELD = Pattern.compile(",\\s*[A-Za-z_][\\w.-]*\\s*=");
    /** A stack frame or a cause after the message: not part of the value. */
    private static final Pattern STACK = Pattern.compile("\\r?\\n\\s*(?:at |Caused by:|\\.\\.\\. )");

    private KeyValues() {}

    static String mask(String text, Pattern key) {
        Matcher m = key.matcher(text);
        StringBuilder out = null;
        int last = 0;
        int from = 0;
        while (from < text.length() && m.find(from)) {
            int start = m.end();
            boolean wide = m.group("content") != null
                    || WIDE.matcher(m.group("secret")).matches();
            int end = valueEnd(text, start, wide, m.group("sep").charAt(0));
            if (end <= start) {
                from = m.end();
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, start).append(masked(text, start, end));
            last = end;
            from = end;
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    /** Keeps the quotes around a masked string, so JSON and quoted notations stay well-formed. */
    private static String masked(String text, int start, int end) {
        char c = text.charAt(start);
        if (c == '\\' && start + 1 < end && text.charAt(start + 1) == '"' && text.startsWith("\\\"", end - 2)) {
            return "\\\"" + Redactor.MASK + "\\\"";
        }
        if ((c == '"' || c == '\'') && end - start >= 2 && text.charAt(end - 1) == c) {
            return c + Redactor.MASK + c;
        }
        return Redactor.MASK;
    }

    static int valueEnd(String s, int start, boolean wide, char separator) {
        if (start >= s.length()) {
            return start;
        }
        char c = s.charAt(start);
        if (c == '\\' && s.startsWith("\\\"", start)) {
            int close = s.indexOf("\\\"", start + 2);
            return close < 0 ? lineEnd(s, start) : close + 2;
        }
        if (c == '"' || c == '\'') {
            for (int i = start + 1; i < s.length(); i++) {
                char d = s.charAt(i);
                if (d == '\\') {
                    i++;
                } else if (d == c) {
                    return i + 1;
                }
            }
            return s.length();
        }
        if (c == '{' || c == '[') {
            return balancedEnd(s, start);
        }
        Matcher next = NEXT_FIELD.matcher(s);
        Matcher stack = STACK.matcher(s);
        for (int i = start; i < s.length(); i++) {
            char d = s.charAt(i);
            boolean stop;
            if (!wide) {
                stop = Character.isWhitespace(d) || ",;&)]}\"'<>".indexOf(d) >= 0;
            } else if (separator == ':') {
                stop = d == '\r' || d == '\n' || d == '"';
            } else {
                stop = "&)]}\"".indexOf(d) >= 0
                        || (d == ',' && next.region(i, s.length()).lookingAt())
                        || ((d == '\r' || d == '\n')
                                && stack.region(i, s.length()).lookingAt());
            }
            if (stop) {
                return i;
            }
        }
        return s.length();
    }

    private static int balancedEnd(String s, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return s.length();
    }

    private static int lineEnd(String s, int start) {
        int newline = s.indexOf('\n', start);
        return newline < 0 ? s.length() : newline;
    }
}
