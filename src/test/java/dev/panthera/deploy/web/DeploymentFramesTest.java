package dev.panthera.deploy.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.deploy.DeploymentService.DeploymentView;
import dev.panthera.deploy.DeploymentState;
import dev.panthera.deploy.DeploymentStateChanged;
import dev.panthera.deploy.spi.Resources;
import dev.panthera.ownership.NftId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each state a deployment moves into, as the seed 000 frames its watchers get. */
class DeploymentFramesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final UUID ID = UUID.randomUUID();
    static final Instant AT = Instant.parse("2026-12-06T06:00:00Z");
    static final String URL = "http://localhost:8080/v1/runtime/panthera-agent-0123456789ab";

    final DeploymentFrames frames = new DeploymentFrames(JSON);

    List<JsonNode> moved(DeploymentState from, DeploymentState to, String endpoint, String error) {
        return frames
                .changed(new DeploymentStateChanged(
                        ID, new NftId("panthers", "7"), "0xA11ce", from, to, endpoint, error, AT))
                .stream()
                .map(JSON::readTree)
                .toList();
    }

    static List<String> types(List<JsonNode> frames) {
        return frames.stream().map(f -> f.get("type").asString()).toList();
    }

    @Test
    void everyChangeIsAStatusFrameForItsDeployment() {
        for (DeploymentState from : DeploymentState.values()) {
            for (DeploymentState to : from.next()) {
                JsonNode status = moved(from, to, null, null).getFirst();
                assertThat(status.get("type").asString()).isEqualTo("status");
                assertThat(status.get("deployment_id").asString()).isEqualTo(ID.toString());
                JsonNode data = status.get("data");
                assertThat(data.get("status").asString()).isEqualTo(to.id());
                assertThat(data.get("previous_status").asString()).isEqualTo(from.id());
                assertThat(data.get("timestamp").asString()).isEqualTo(AT.toString());
                assertThat(data.has("endpoint_url")).isTrue();
                assertThat(data.has("error")).isTrue();
            }
        }
    }

    @Test
    void deployingAndStartingReportProgressOnTheWayToRunning() {
        List<JsonNode> deploying = moved(DeploymentState.PENDING, DeploymentState.DEPLOYING, null, null);
        assertThat(types(deploying)).containsExactly("status", "progress");
        JsonNode first = deploying.get(1).get("data");
        assertThat(first.get("step").asString()).isEqualTo("deploying");
        assertThat(first.get("percent").asInt()).isEqualTo(33);
        assertThat(first.get("message").asString()).isNotBlank();

        List<JsonNode> starting = moved(DeploymentState.DEPLOYING, DeploymentState.STARTING, null, null);
        assertThat(types(starting)).containsExactly("status", "progress");
        assertThat(starting.get(1).get("data").get("step").asString()).isEqualTo("starting");
        assertThat(starting.get(1).get("data").get("percent").asInt()).isEqualTo(66);

        // a restart of an unhealthy agent deploys again, so it reports the same step
        assertThat(types(moved(DeploymentState.UNHEALTHY, DeploymentState.DEPLOYING, URL, null)))
                .containsExactly("status", "progress");
    }

    @Test
    void runningIsReadyWithTheEndpoint() {
        for (DeploymentState from : List.of(DeploymentState.STARTING, DeploymentState.UNHEALTHY)) {
            List<JsonNode> running = moved(from, DeploymentState.RUNNING, URL, null);
            assertThat(types(running)).containsExactly("status", "ready");
            assertThat(running.get(0).get("data").get("endpoint_url").asString())
                    .isEqualTo(URL);
            JsonNode ready = running.get(1);
            assertThat(ready.get("deployment_id").asString()).isEqualTo(ID.toString());
            assertThat(ready.get("data").get("endpoint_url").asString()).isEqualTo(URL);
            assertThat(ready.get("data").get("timestamp").asString()).isEqualTo(AT.toString());
        }
    }

    @Test
    void failedIsAnErrorWithTheMessage() {
        List<JsonNode> failed =
                moved(DeploymentState.STARTING, DeploymentState.FAILED, null, "The agent never became ready");
        assertThat(types(failed)).containsExactly("status", "error");
        assertThat(failed.get(0).get("data").get("error").asString()).isEqualTo("The agent never became ready");
        JsonNode error = failed.get(1).get("data");
        assertThat(error.get("error_message").asString()).isEqualTo("The agent never became ready");
        assertThat(error.get("previous_status").asString()).isEqualTo("starting");
    }

    @Test
    void stoppingStoppedAndUnhealthyAreStatusOnly() {
        assertThat(types(moved(DeploymentState.RUNNING, DeploymentState.STOPPING, URL, null)))
                .containsExactly("status");
        assertThat(types(moved(DeploymentState.STOPPING, DeploymentState.STOPPED, URL, null)))
                .containsExactly("status");
        assertThat(types(moved(DeploymentState.PENDING, DeploymentState.STOPPED, null, null)))
                .containsExactly("status");
        assertThat(types(moved(DeploymentState.RUNNING, DeploymentState.UNHEALTHY, URL, null)))
                .containsExactly("status");
    }

    @Test
    void aNewWatcherGetsTheFramesOfTheStateItIsInWithoutAPreviousOne() {
        Instant updated = AT.plusSeconds(5);
        DeploymentView running = new DeploymentView(
                ID,
                new NftId("panthers", "7"),
                "0xA11ce",
                DeploymentState.RUNNING,
                "local",
                URL,
                new Resources(1, 2, 0, 5),
                null,
                null,
                0,
                AT,
                AT,
                updated,
                Duration.ofSeconds(5));
        List<JsonNode> current =
                frames.current(running).stream().map(JSON::readTree).toList();
        assertThat(types(current)).containsExactly("status", "ready");
        JsonNode status = current.getFirst().get("data");
        assertThat(status.get("status").asString()).isEqualTo("running");
        assertThat(status.get("previous_status").isNull()).isTrue();
        assertThat(status.get("timestamp").asString()).isEqualTo(updated.toString());
        assertThat(current.get(1).get("data").get("endpoint_url").asString()).isEqualTo(URL);

        DeploymentView pending = new DeploymentView(
                ID,
                running.nft(),
                "0xA11ce",
                DeploymentState.PENDING,
                "local",
                null,
                running.resources(),
                null,
                null,
                0,
                null,
                AT,
                AT,
                Duration.ofSeconds(5));
        assertThat(frames.current(pending)).hasSize(1);
    }
}
