package dev.panthera.deploy.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.deploy.provider.local.LocalAgents.LocalAgent;
import dev.panthera.deploy.spi.ProviderDeployment;
import dev.panthera.deploy.spi.ProviderStatus;
import dev.panthera.ownership.NftId;
import dev.panthera.platform.cache.TestStores;
import dev.panthera.shared.EphemeralStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local agent registry as two nodes see it through one shared store (what Redis gives a
 * cluster): either node finds, counts and stops the other's agents, and a health check racing a
 * stop does not bring the agent back.
 */
class LocalAgentsTest {

    final EphemeralStore shared = TestStores.inProcess();
    final LocalAgents nodeA = new LocalAgents(shared);
    final LocalAgents nodeB = new LocalAgents(shared);

    @AfterEach
    void close() throws Exception {
        ((AutoCloseable) shared).close();
    }

    static LocalAgent agent(String slug) {
        return new LocalAgent(
                slug,
                UUID.randomUUID(),
                new NftId("panthers", "7"),
                "0xowner",
                2L << 30,
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void anAgentStartedOnOneNodeIsFoundWithItsCountersOnTheOther() {
        LocalAgent started = nodeA.start(agent("panthera-agent-aaa"));

        assertThat(nodeB.find("panthera-agent-aaa")).contains(started);
        nodeB.countRequest("panthera-agent-aaa");
        nodeA.countRequest("panthera-agent-aaa");
        nodeA.countError("panthera-agent-aaa");
        assertThat(nodeB.counters("panthera-agent-aaa")).isEqualTo(new LocalAgents.Counters(2, 1));

        // a second start (a retried job, another node) keeps the running agent and its counters
        assertThat(nodeB.start(agent("panthera-agent-aaa"))).isEqualTo(started);
        assertThat(nodeA.counters("panthera-agent-aaa").requests()).isEqualTo(2);
    }

    @Test
    void aStopOnEitherNodeEndsTheAgentEverywhereAndARestartCountsAfresh() {
        nodeA.start(agent("panthera-agent-bbb"));
        nodeA.countRequest("panthera-agent-bbb");

        assertThat(nodeB.stop("panthera-agent-bbb")).isTrue();
        assertThat(nodeA.find("panthera-agent-bbb")).isEmpty();
        assertThat(nodeA.refresh("panthera-agent-bbb")).isEmpty();
        assertThat(nodeA.stop("panthera-agent-bbb")).isFalse();

        LocalAgent again = agent("panthera-agent-bbb");
        assertThat(nodeA.start(again)).isEqualTo(again);
        assertThat(nodeB.refresh("panthera-agent-bbb")).contains(again);
        assertThat(nodeB.counters("panthera-agent-bbb")).isEqualTo(new LocalAgents.Counters(0, 0));
    }

    @Test
    void theProviderOnAnotherNodeReportsTheAgentReadyAndHealthy() {
        var properties = dev.panthera.support.TestProperties.defaults();
        var providerA = new LocalDeploymentProvider(nodeA, properties, java.time.Clock.systemUTC());
        var providerB = new LocalDeploymentProvider(nodeB, properties, java.time.Clock.systemUTC());
        var spec = new dev.panthera.deploy.spi.DeploymentSpec(
                UUID.randomUUID(),
                "panthers",
                "7",
                "0xowner",
                "Agent",
                null,
                dev.panthera.deploy.spi.Resources.DEFAULT,
                "{}",
                Map.of());

        ProviderDeployment deployed = providerA.deploy(spec);

        assertThat(providerB.status(deployed).phase()).isEqualTo(ProviderStatus.Phase.READY);
        assertThat(providerB.health(deployed).healthy()).isTrue();
        providerB.stop(deployed);
        assertThat(providerA.status(deployed).phase()).isEqualTo(ProviderStatus.Phase.GONE);
    }

    @Test
    void aHealthCheckRacingAStopDoesNotBringTheAgentBack() {
        // node B's stop lands between node A's read of the record and its renewal
        EphemeralStore racing = storeRunningBeforeRenewal(() -> nodeB.stop("panthera-agent-ccc"));
        LocalAgents checking = new LocalAgents(racing);
        nodeA.start(agent("panthera-agent-ccc"));

        assertThat(checking.refresh("panthera-agent-ccc")).isEmpty();

        assertThat(nodeA.find("panthera-agent-ccc")).isEmpty();
        assertThat(nodeB.find("panthera-agent-ccc")).isEmpty();
    }

    /** The shared store, but {@code beforePut} runs just before the first put of an agent record. */
    EphemeralStore storeRunningBeforeRenewal(Runnable beforePut) {
        boolean[] done = {false};
        return (EphemeralStore) Proxy.newProxyInstance(
                EphemeralStore.class.getClassLoader(), new Class<?>[] {EphemeralStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("put")
                            && !done[0]
                            && !args[0].toString().endsWith(":stopped")) {
                        done[0] = true;
                        beforePut.run();
                    }
                    try {
                        return method.invoke(shared, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
