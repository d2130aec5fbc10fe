package dev.panthera.deploy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.agent.AgentDeployment;
import dev.panthera.deploy.spi.Resources;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resource values as clients write them, the metadata's defaults, and seed 000's limits. */
class ResourceRequestsTest {

    static final AgentDeployment.Resources METADATA = new AgentDeployment.Resources("2", "4Gi", 1, "5Gi");

    @Test
    void cpuInCoresOrMillicores() {
        assertThat(ResourceRequests.cpu("2")).isEqualTo(2.0);
        assertThat(ResourceRequests.cpu("500m")).isEqualTo(0.5);
        assertThat(ResourceRequests.cpu("1.5")).isEqualTo(1.5);
        assertThat(ResourceRequests.cpu(2)).isEqualTo(2.0);
        assertThat(ResourceRequests.cpu(0.75)).isEqualTo(0.75);
        assertThatThrownBy(() -> ResourceRequests.cpu("two")).hasMessageContaining("resources.cpu");
        assertThatThrownBy(() -> ResourceRequests.cpu(true)).hasMessageContaining("resources.cpu");
    }

    @Test
    void sizesInGiMiOrPlainNumbers() {
        assertThat(ResourceRequests.gib("memory", "4Gi")).isEqualTo(4.0);
        assertThat(ResourceRequests.gib("memory", "512Mi")).isEqualTo(0.5);
        assertThat(ResourceRequests.gib("memory", "2G")).isEqualTo(2.0);
        assertThat(ResourceRequests.gib("memory", "3GB")).isEqualTo(3.0);
        assertThat(ResourceRequests.gib("disk", "10")).isEqualTo(10.0);
        assertThat(ResourceRequests.gib("disk", 10)).isEqualTo(10.0);
        assertThatThrownBy(() -> ResourceRequests.gib("disk", "lots")).hasMessageContaining("resources.disk");
    }

    @Test
    void gpuAsCountOrBoolean() {
        assertThat(ResourceRequests.gpu(true)).isEqualTo(1);
        assertThat(ResourceRequests.gpu(false)).isZero();
        assertThat(ResourceRequests.gpu(1)).isEqualTo(1);
        assertThat(ResourceRequests.gpu("0")).isZero();
        assertThat(ResourceRequests.gpu("true")).isEqualTo(1);
        assertThatThrownBy(() -> ResourceRequests.gpu(0.5)).hasMessageContaining("resources.gpu");
        assertThatThrownBy(() -> ResourceRequests.gpu("yes")).hasMessageContaining("resources.gpu");
    }

    @Test
    void nothingRequestedTakesTheMetadataThenTheDefault() {
        assertThat(ResourceRequests.resolve(null, METADATA)).isEqualTo(new Resources(2, 4, 1, 5));
        assertThat(ResourceRequests.resolve(Map.of(), null)).isEqualTo(Resources.DEFAULT);
    }

    @Test
    void requestedValuesOverrideFieldByField() {
        Map<String, Object> requested = new HashMap<>();
        requested.put("cpu", "500m");
        requested.put("memory", null);
        requested.put("gpu", false);
        assertThat(ResourceRequests.resolve(requested, METADATA)).isEqualTo(new Resources(0.5, 4, 0, 5));
    }

    @Test
    void limitsAreEnforcedAtBothEndsWithTheRangeInTheMessage() {
        assertThat(ResourceRequests.resolve(Map.of("cpu", "4", "memory", "8Gi", "disk", "10Gi", "gpu", 1), null))
                .isEqualTo(new Resources(4, 8, 1, 10));
        assertThat(ResourceRequests.resolve(Map.of("cpu", "500m", "memory", "1Gi", "disk", 1, "gpu", 0), null))
                .isEqualTo(new Resources(0.5, 1, 0, 1));
        assertRefused(Map.of("cpu", "8"), "resources.cpu must be between 0.5 and 4 cores; got 8 cores");
        assertRefused(Map.of("cpu", "100m"), "resources.cpu must be between 0.5 and 4 cores; got 0.1 cores");
        assertRefused(Map.of("memory", "512Mi"), "resources.memory must be between 1 and 8 GB; got 0.5 GB");
        assertRefused(Map.of("memory", "16Gi"), "resources.memory must be between 1 and 8 GB");
        assertRefused(Map.of("gpu", 2), "resources.gpu must be between 0 and 1");
        assertRefused(Map.of("disk", "20Gi"), "resources.disk must be between 1 and 10 GB; got 20 GB");
        assertRefused(Map.of("disk", 0), "resources.disk must be between 1 and 10 GB");
    }

    @Test
    void unknownResourceNamesAreRefused() {
        assertRefused(Map.of("tpu", 1), "Unknown resource 'tpu'");
    }

    private static void assertRefused(Map<String, Object> requested, String message) {
        assertThatThrownBy(() -> ResourceRequests.resolve(requested, null))
                .isInstanceOfSatisfying(
                        PantheraException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.VALIDATION_FAILED))
                .hasMessageContaining(message);
    }
}
