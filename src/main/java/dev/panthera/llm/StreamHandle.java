package dev.panthera.llm;

/** A running stream. Cancelling aborts the upstream request; the listener hears nothing more. */
public interface StreamHandle {

    void cancel();

    boolean isCancelled();
}
