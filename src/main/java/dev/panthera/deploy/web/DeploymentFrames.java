package dev.panthera.deploy.web;

import dev.panthera.deploy.DeploymentService.DeploymentView;
import dev.panthera.deploy.DeploymentState;
import dev.panthera.deploy.DeploymentStateChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seed 000 deployment updates as WebSocket frames {@code {type, deployment_id, data}}. Every change
 * of state is a {@code status} frame ({@code status}, {@code previous_status}, {@code endpoint_url},
 * {@code error}, {@code timestamp}), followed by
 *
 * <ul>
 *   <li>{@code progress} on entering deploying or starting: {@code step} (the state), {@code
 *       percent} = the step's place on the way pending (0) - deploying - starting - running (100),
 *       so 33 and 66, and a {@code message};
 *   <li>{@code ready} on entering running: {@code endpoint_url}, {@code timestamp};
 *   <li>{@code error} on entering failed: {@code error_message}, {@code previous_status}, {@code
 *       timestamp}.
 * </ul>
 *
 * A new subscriber gets the same frames for the state the deployment is in, with {@code
 * previous_status} null and the time of its last change. A change that commits while a client
 * subscribes may reach it as well as, or just before, those frames: {@code timestamp} orders them.
 */
final class DeploymentFrames {

    private final ObjectMapper json;

    DeploymentFrames(ObjectMapper json) {
        this.json = json;
    }

    List<String> changed(DeploymentStateChanged e) {
        return frames(e.deploymentId(), e.oldState(), e.newState(), e.endpointUrl(), e.error(), e.at());
    }

    List<String> current(DeploymentView d) {
        return frames(d.id(), null, d.status(), d.endpointUrl(), d.error(), d.updatedAt());
    }

    List<String> frames(
            UUID id, DeploymentState previous, DeploymentState state, String endpointUrl, String error, Instant at) {
        String from = previous == null ? null : previous.id();
        List<String> frames = new ArrayList<>(2);
        frames.add(frame(
                "status",
                id,
                data -> data.put("status", state.id())
                        .put("previous_status", from)
                        .put("endpoint_url", endpointUrl)
                        .put("error", error)
                        .put("timestamp", at.toString())));
        switch (state) {
            case DEPLOYING -> frames.add(progress(id, state, 33, "Creating the agent's workload on its provider"));
            case STARTING -> frames.add(progress(id, state, 66, "Waiting for the agent to answer its health check"));
            case RUNNING ->
                frames.add(frame(
                        "ready",
                        id,
                        data -> data.put("endpoint_url", endpointUrl).put("timestamp", at.toString())));
            case FAILED ->
                frames.add(frame(
                        "error",
                        id,
                        data -> data.put("error_message", error)
                                .put("previous_status", from)
                                .put("timestamp", at.toString())));
            default -> {}
        }
        return frames;
    }

    private String progress(UUID id, DeploymentState step, int percent, String message) {
        return frame(
                "progress",
                id,
                data -> data.put("step", step.id()).put("percent", percent).put("message", message));
    }

    private String frame(String type, UUID id, Consumer<ObjectNode> data) {
        ObjectNode frame = json.createObjectNode().put("type", type).put("deployment_id", id.toString());
        data.accept(frame.putObject("data"));
        return json.writeValueAsString(frame);
    }
}
