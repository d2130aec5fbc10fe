package dev.panthera.llm;

import java.util.Objects;

/** One turn of a conversation as the model sees it. */
public record ModelMessage(Role role, String content) {

    public enum Role {
        SYSTEM,
        USER,
        ASSISTANT
    }

    public ModelMessage {
        Objects.requireNonNull(role, "role");
        content = content == null ? "" : content;
    }

    public static ModelMessage system(String content) {
        return new ModelMessage(Role.SYSTEM, content);
    }

    public static ModelMessage user(String content) {
        return new ModelMessage(Role.USER, content);
    }

    public static ModelMessage assistant(String content) {
        return new ModelMessage(Role.ASSISTANT, content);
    }
}
