package dev.panthera.deploy.internal;

import java.util.UUID;

/** The job kinds of the deploy module and their dedup keys: one live job of a kind per deployment. */
final class DeployJobs {

    static final String START = "deploy.start";
    static final String POLL = "deploy.poll";
    static final String STOP = "deploy.stop";
    static final String HEALTH = "deploy.health";
    static final String CLEANUP = "deploy.cleanup";

    private DeployJobs() {}

    static String dedupKey(String kind, UUID deploymentId) {
        return kind + ":" + deploymentId;
    }
}
