package dev.panthera.chat.web;

import dev.panthera.shared.PantheraException;

/**
 * One thing a model stream reports to its {@link SseRelay}: held as an object so the relay can keep
 * events in order while the response is not yet live, and write them all the same way once it is.
 */
sealed interface SseEvent<C> {

    record Token<C>(String content) implements SseEvent<C> {}

    record Done<C>(C completion) implements SseEvent<C> {}

    record Failed<C>(PantheraException error) implements SseEvent<C> {}
}
