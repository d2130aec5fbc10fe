package dev.panthera.deploy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HealthSpreadTest {

    @Test
    void eachDeploymentKeepsItsPlaceInTheIntervalAndTheSweepIsSpreadEvenly() {
        Duration interval = Duration.ofSeconds(30);
        Random random = new Random(42);
        int[] tenths = new int[10];
        for (int i = 0; i < 10_000; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            Duration offset = DeploymentReconciler.spread(id, interval);
            assertThat(offset).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(interval);
            assertThat(DeploymentReconciler.spread(id, interval)).isEqualTo(offset);
            tenths[(int) (offset.toMillis() * 10 / interval.toMillis())]++;
        }
        // 1,000 expected in each tenth of the interval; far from all due at once
        for (int count : tenths) {
            assertThat(count).isBetween(850, 1150);
        }
    }

    @Test
    void aZeroOrTinyIntervalMeansNow() {
        UUID id = UUID.randomUUID();
        assertThat(DeploymentReconciler.spread(id, Duration.ZERO)).isEqualTo(Duration.ZERO);
        assertThat(DeploymentReconciler.spread(id, Duration.ofMillis(1))).isEqualTo(Duration.ZERO);
    }
}
