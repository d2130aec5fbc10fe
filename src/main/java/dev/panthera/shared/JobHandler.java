package dev.panthera.shared;

/**
 * Does the jobs of one kind (a bean; the queue finds all of them). A handler that throws has its job
 * retried with backoff, up to the queue's attempt limit, then failed. Never log secrets from the
 * payload: keep secrets out of payloads altogether (store an id, read the sealed data).
 */
public interface JobHandler {

    /** The kind of job this handler does, e.g. {@code deploy.start}. */
    String kind();

    JobQueue.Outcome run(JobQueue.Job job) throws Exception;
}
