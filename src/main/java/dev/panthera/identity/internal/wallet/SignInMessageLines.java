package dev.panthera.identity.internal.wallet;

import dev.panthera.shared.PantheraException;

/** A cursor over the lines of a sign-in message; running out or a missing field is VALIDATION_FAILED. */
final class SignInMessageLines {
    private final String[] lines;
    private int index;

    SignInMessageLines(String[] lines) {
        this.lines = lines;
    }

    boolean remaining() {
        return index < lines.length;
    }

    int position() {
        return index + 1;
    }

    String peek() {
        return remaining() ? lines[index] : "";
    }

    String peek(int ahead) {
        return index + ahead < lines.length ? lines[index + ahead] : null;
    }

    String next(String what) {
        if (!remaining()) {
            throw PantheraException.validation("sign-in message: ends before the " + what);
        }
        return lines[index++];
    }

    void expectEmpty(String after) {
        if (!next("empty line after " + after).isEmpty()) {
            throw PantheraException.validation("sign-in message: expected an empty line after " + after);
        }
    }

    boolean has(String field) {
        return remaining() && lines[index].startsWith(field + ": ");
    }

    boolean hasLine(String line) {
        return remaining() && lines[index].equals(line);
    }

    String field(String field) {
        if (!has(field)) {
            throw PantheraException.validation(
                    "sign-in message: expected a \"" + field + ": \" line at line " + position());
        }
        return lines[index++].substring(field.length() + 2);
    }
}
