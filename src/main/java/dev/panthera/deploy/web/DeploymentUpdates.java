package dev.panthera.deploy.web;

import dev.panthera.chat.RealtimeChannels;
import dev.panthera.deploy.DeploymentStateChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends each change of a deployment's state to the WebSocket subscribers of {@code
 * deployment:<id>} ({@link DeploymentFrames}). Runs after the change committed, so nobody hears
 * of a change that was rolled back; a failure here is logged and never undoes or stops the
 * change (the job that made it goes on).
 */
@Component
final class DeploymentUpdates {

    private static final Logger log = LoggerFactory.getLogger(DeploymentUpdates.class);

    private final RealtimeChannels channels;
    private final DeploymentFrames frames;

    DeploymentUpdates(RealtimeChannels channels, JsonMapper json) {
        this.channels = channels;
        this.frames = new DeploymentFrames(json);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(DeploymentStateChanged event) {
        try {
            String channel = DeploymentChannel.channel(event.deploymentId());
            for (String frame : frames.changed(event)) {
                channels.publish(channel, frame);
            }
        } catch (RuntimeException e) {
            // the exception's message is not logged: it could quote the frame
            log.warn(
                    "Could not send deployment {}'s move to {} to its WebSocket subscribers: {}",
                    event.deploymentId(),
                    event.newState().id(),
                    e.getClass().getName());
        }
    }
}
