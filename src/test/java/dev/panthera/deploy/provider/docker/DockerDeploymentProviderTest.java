package dev.panthera.deploy.provider.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.deploy.spi.DeploymentSpec;
import dev.panthera.deploy.spi.ProviderDeployment;
import dev.panthera.deploy.spi.ProviderException;
import dev.panthera.deploy.spi.ProviderStatus.Phase;
import dev.panthera.deploy.spi.Resources;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class DockerDeploymentProviderTest {

    static final String IMAGE = "ghcr.io/panthera/agent:1.2";

    private final JsonMapper json = JsonMapper.builder().build();
    private ScriptedDockerEngine engine;
    private DockerDeploymentProvider provider;

    @BeforeEach
    void start() throws IOException {
        engine = ScriptedDockerEngine.start();
        engine.inRegistry(IMAGE);
        provider = provider(properties(engine.host(), DockerProperties.PullPolicy.IF_MISSING, null, null));
    }

    @AfterEach
    void stop() throws IOException {
        provider.close();
        engine.close();
    }

    static DockerProperties properties(
            String host, DockerProperties.PullPolicy pull, String network, String apiVersion) {
        return new DockerProperties(
                true,
                host,
                apiVersion,
                network,
                "ghcr.io/panthera/default-agent:latest",
                8080,
                "agents.local",
                "127.0.0.1",
                pull,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Map.of("team", "agents"));
    }

    static DockerDeploymentProvider provider(DockerProperties properties) {
        return new DockerDeploymentProvider(DockerProviderConfig.client(properties), properties);
    }

    static DeploymentSpec spec(Resources resources) {
        return new DeploymentSpec(
                UUID.randomUUID(),
                "panthers",
                "42",
                "0xabc",
                "Panther 42",
                IMAGE,
                resources,
                "{\"persona\":\"calm\"}",
                Map.of("LOG_LEVEL", "info"));
    }

    @Test
    void deployPullsCreatesAndStartsTheContainerWithItsLimits() {
        DeploymentSpec spec = spec(new Resources(1.5, 2, 0, 1));

        ProviderDeployment deployment = provider.deploy(spec);

        var pulls = engine.requests("POST", "/images/create");
        assertThat(pulls).hasSize(1);
        assertThat(pulls.getFirst().query())
                .containsEntry("fromImage", "ghcr.io/panthera/agent")
                .containsEntry("tag", "1.2");
        var creates = engine.requests("POST", "/containers/create");
        assertThat(creates).hasSize(1);
        assertThat(creates.getFirst().query()).containsEntry("name", spec.slug());
        JsonNode body = json.readTree(creates.getFirst().body());
        assertThat(body.path("Image").asString()).isEqualTo(IMAGE);
        JsonNode host = body.path("HostConfig");
        assertThat(host.path("NanoCpus").asLong()).isEqualTo(1_500_000_000L);
        assertThat(host.path("Memory").asLong()).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(host.path("RestartPolicy").path("Name").asString()).isEqualTo("on-failure");
        assertThat(host.path("RestartPolicy").path("MaximumRetryCount").asInt()).isEqualTo(3);
        JsonNode binding = host.path("PortBindings").path("8080/tcp").path(0);
        assertThat(binding.path("HostIp").asString()).isEqualTo("127.0.0.1");
        assertThat(binding.path("HostPort").asString("")).isEmpty();
        assertThat(host.path("DeviceRequests").isEmpty())
                .as("no GPU requested: %s", host.path("DeviceRequests"))
                .isTrue();
        assertThat(body.path("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(json.convertValue(body.path("Labels"), Map.class))
                .containsEntry("panthera.deploy-id", spec.deploymentId().toString())
                .containsEntry("panthera.collection", "panthers")
                .containsEntry("panthera.token-id", "42")
                .containsEntry("panthera.managed", "true")
                .containsEntry("team", "agents");
        assertThat(body.path("Env").valueStream().map(JsonNode::asString))
                .contains("LOG_LEVEL=info", "PANTHERA_AGENT_CONFIG={\"persona\":\"calm\"}", "PANTHERA_AGENT_PORT=8080");

        var container = engine.container(spec.slug());
        assertThat(container.status).isEqualTo("running");
        assertThat(deployment.providerId()).isEqualTo(container.id);
        assertThat(deployment.endpointUrl()).isEqualTo("http://agents.local:" + container.hostPort);
        assertThat(deployment.details())
                .containsEntry("container_name", spec.slug())
                .containsEntry("image", IMAGE);
    }

    @Test
    void aGpuIsRequestedAsDockerRunGpusDoesAndTheNetworkIsJoined() throws IOException {
        try (var onNetwork =
                provider(properties(engine.host(), DockerProperties.PullPolicy.IF_MISSING, "agents", null))) {
            DeploymentSpec spec = spec(new Resources(2, 4, 1, 1));
            onNetwork.deploy(spec);

            JsonNode host = json.readTree(engine.requests("POST", "/containers/create")
                            .getFirst()
                            .body())
                    .path("HostConfig");
            JsonNode gpu = host.path("DeviceRequests").path(0);
            assertThat(gpu.path("Count").asInt()).isEqualTo(1);
            assertThat(gpu.path("Capabilities").path(0).path(0).asString()).isEqualTo("gpu");
            assertThat(host.path("NetworkMode").asString()).isEqualTo("agents");
        }
    }

    @Test
    void aPinnedApiVersionIsSentAsThePathPrefix() throws IOException {
        try (var pinned = provider(properties(engine.host(), DockerProperties.PullPolicy.IF_MISSING, null, "1.44"))) {
            pinned.deploy(spec(Resources.DEFAULT));
        }
        assertThat(engine.containerCount()).isEqualTo(1);
        assertThat(engine.requests("POST", "/containers/create").getFirst().rawPath())
                .isEqualTo("/v1.44/containers/create");
        assertThat(engine.requests()).allSatisfy(r -> assertThat(r.rawPath()).startsWith("/v1.44/"));
    }

    @Test
    void redeployReusesTheContainerAndStartsItWhenStopped() {
        DeploymentSpec spec = spec(Resources.DEFAULT);
        ProviderDeployment first = provider.deploy(spec);

        ProviderDeployment again = provider.deploy(spec);
        assertThat(again.providerId()).isEqualTo(first.providerId());
        assertThat(again.endpointUrl()).isEqualTo(first.endpointUrl());
        assertThat(engine.requests("POST", "/containers/create")).hasSize(1);
        assertThat(engine.requests("POST", "/images/create")).hasSize(1);
        assertThat(engine.requests("POST", "/containers/" + first.providerId() + "/start"))
                .hasSize(1);

        engine.container(first.providerId()).status = "exited";
        ProviderDeployment restarted = provider.deploy(spec);
        assertThat(restarted.providerId()).isEqualTo(first.providerId());
        assertThat(engine.container(first.providerId()).status).isEqualTo("running");
        assertThat(engine.requests("POST", "/containers/" + first.providerId() + "/start"))
                .hasSize(2);
        assertThat(engine.containerCount()).isEqualTo(1);
    }

    @Test
    void aContainerNameHeldByAnotherDeploymentIsNotTakenOver() {
        DeploymentSpec spec = spec(Resources.DEFAULT);
        provider.deploy(spec);
        // Same slug, but the container's label says it belongs to a different deployment.
        ((ObjectNode) engine.container(spec.slug()).createBody.path("Labels"))
                .put("panthera.deploy-id", "someone-else");

        assertThatThrownBy(() -> provider.deploy(spec))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining(spec.slug());
    }

    @Test
    void ifMissingSkipsThePullOfAPresentImageAndAlwaysPullsIt() throws IOException {
        engine.local(IMAGE);
        provider.deploy(spec(Resources.DEFAULT));
        assertThat(engine.requests("POST", "/images/create")).isEmpty();
        assertThat(engine.requests("GET", "/images/" + IMAGE + "/json")).hasSize(1);

        try (var always = provider(properties(engine.host(), DockerProperties.PullPolicy.ALWAYS, null, null))) {
            always.deploy(spec(Resources.DEFAULT));
        }
        assertThat(engine.requests("POST", "/images/create")).hasSize(1);
    }

    @Test
    void theDefaultImageServesAgentsWhoseMetadataNamesNone() {
        engine.inRegistry("ghcr.io/panthera/default-agent:latest");
        DeploymentSpec spec = spec(Resources.DEFAULT);
        DeploymentSpec noImage = new DeploymentSpec(
                spec.deploymentId(), "panthers", "42", "0xabc", "x", null, Resources.DEFAULT, null, Map.of());

        provider.deploy(noImage);

        assertThat(engine.container(spec.slug()).image).isEqualTo("ghcr.io/panthera/default-agent:latest");
    }

    @Test
    void statusFollowsTheContainerState() {
        ProviderDeployment deployment = provider.deploy(spec(Resources.DEFAULT));
        var container = engine.container(deployment.providerId());

        assertThat(provider.status(deployment).phase()).isEqualTo(Phase.READY);
        assertThat(provider.status(deployment).endpointUrl()).isEqualTo(deployment.endpointUrl());

        container.health = "starting";
        assertThat(provider.status(deployment).phase()).isEqualTo(Phase.STARTING);
        container.health = "healthy";
        assertThat(provider.status(deployment).phase()).isEqualTo(Phase.READY);

        container.status = "restarting";
        assertThat(provider.status(deployment).phase()).isEqualTo(Phase.STARTING);
        container.status = "created";
        assertThat(provider.status(deployment).phase()).isEqualTo(Phase.STARTING);

        container.status = "exited";
        container.oomKilled = true;
        container.exitCode = 137;
        var oom = provider.status(deployment);
        assertThat(oom.phase()).isEqualTo(Phase.FAILED);
        assertThat(oom.message()).contains("out of memory");

        container.oomKilled = false;
        container.exitCode = 1;
        var crashed = provider.status(deployment);
        assertThat(crashed.phase()).isEqualTo(Phase.FAILED);
        assertThat(crashed.message()).contains("exited with code 1");

        engine.removeExternally(deployment.providerId());
        assertThat(provider.status(deployment).phase()).isEqualTo(Phase.GONE);
    }

    @Test
    void healthComputesCpuPercentAndMemoryFromOneStatsSample() {
        ProviderDeployment deployment = provider.deploy(spec(Resources.DEFAULT));
        engine.stats("""
                {"read":"2026-11-23T18:00:01Z","preread":"2026-11-23T18:00:00Z",
                 "cpu_stats":{"cpu_usage":{"total_usage":400000000},"system_cpu_usage":20000000000,"online_cpus":4},
                 "precpu_stats":{"cpu_usage":{"total_usage":200000000},"system_cpu_usage":18000000000,"online_cpus":4},
                 "memory_stats":{"usage":314572800,"limit":1073741824,"stats":{"inactive_file":104857600}}}
                """);

        var report = provider.health(deployment);

        assertThat(report.healthy()).isTrue();
        assertThat(report.error()).isNull();
        // (400M - 200M) / (20G - 18G) * 4 CPUs * 100
        assertThat(report.cpuPercent()).isEqualTo(40.0);
        // usage minus the reclaimable page cache: 300 MiB - 100 MiB
        assertThat(report.memoryBytes()).isEqualTo(200L * 1024 * 1024);
        assertThat(report.responseTime()).isPositive();
        assertThat(engine.requests("GET", "/containers/" + deployment.providerId() + "/stats")
                        .getFirst()
                        .query())
                .containsEntry("stream", "0");
    }

    @Test
    void healthReportsAFailingHealthcheckAndAStoppedContainer() {
        ProviderDeployment deployment = provider.deploy(spec(Resources.DEFAULT));
        var container = engine.container(deployment.providerId());
        container.health = "unhealthy";
        container.failingStreak = 3;

        var unhealthy = provider.health(deployment);
        assertThat(unhealthy.healthy()).isFalse();
        assertThat(unhealthy.error()).contains("3 in a row");

        container.status = "exited";
        container.exitCode = 2;
        var exited = provider.health(deployment);
        assertThat(exited.healthy()).isFalse();
        assertThat(exited.error()).contains("code 2");
        assertThat(exited.memoryBytes()).isNull();
    }

    @Test
    void stopStopsAndRemovesAndSucceedsWhenAlreadyGone() {
        ProviderDeployment deployment = provider.deploy(spec(Resources.DEFAULT));
        String id = deployment.providerId();

        provider.stop(deployment);
        assertThat(engine.requests("POST", "/containers/" + id + "/stop")
                        .getFirst()
                        .query())
                .containsEntry("t", "10");
        assertThat(engine.requests("DELETE", "/containers/" + id)).hasSize(1);
        assertThat(engine.container(id)).isNull();

        provider.stop(deployment);
        assertThat(engine.requests("POST", "/containers/" + id + "/stop")).hasSize(2);
        assertThat(provider.status(deployment).phase()).isEqualTo(Phase.GONE);
    }

    @Test
    void anEngineErrorIsRetryable() {
        engine.failNext("POST", "/containers/create", 500, "devicemapper: thin pool exhausted");

        assertThatThrownBy(() -> provider.deploy(spec(Resources.DEFAULT)))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("devicemapper: thin pool exhausted");
    }

    @Test
    void aBadRequestIsNotRetryable() {
        engine.failNext("POST", "/containers/create", 400, "invalid NanoCpus: range of CPUs is from 0.01 to 2.00");

        assertThatThrownBy(() -> provider.deploy(spec(Resources.DEFAULT)))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("range of CPUs");
    }

    @Test
    void aMissingImageIsNotRetryableAndNamesTheImage() {
        DeploymentSpec spec = spec(Resources.DEFAULT);
        DeploymentSpec missing = new DeploymentSpec(
                spec.deploymentId(),
                "panthers",
                "42",
                "0xabc",
                "x",
                "ghcr.io/nobody/ghost:9",
                Resources.DEFAULT,
                null,
                Map.of());

        assertThatThrownBy(() -> provider.deploy(missing))
                .isInstanceOfSatisfying(
                        ProviderException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("ghcr.io/nobody/ghost:9")
                .hasMessageContaining("pull access denied");
        assertThat(engine.containerCount()).isZero();
    }

    @Test
    void anUnreachableEngineIsRetryable() throws IOException {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (var nowhere = provider(
                properties("tcp://127.0.0.1:" + closedPort, DockerProperties.PullPolicy.IF_MISSING, null, null))) {
            assertThatThrownBy(() -> nowhere.deploy(spec(Resources.DEFAULT)))
                    .isInstanceOfSatisfying(
                            ProviderException.class,
                            e -> assertThat(e.retryable()).isTrue())
                    .hasMessageContaining("unreachable");
        }
    }
}
