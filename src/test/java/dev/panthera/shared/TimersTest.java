package dev.panthera.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimersTest {

    @Test
    void aCancelledTaskLeavesTheQueueAndTheThreadIsANamedDaemon() throws Exception {
        var timer = Timers.singleThread("timers-test");
        try {
            ScheduledFuture<?> far = timer.schedule(() -> {}, 1, TimeUnit.HOURS);
            assertThat(timer.getQueue()).hasSize(1);
            far.cancel(false);
            assertThat(timer.getQueue()).as("nothing held until its hour comes").isEmpty();

            Thread thread = timer.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
            assertThat(thread.getName()).isEqualTo("timers-test");
            assertThat(thread.isDaemon()).isTrue();
        } finally {
            timer.shutdownNow();
        }
    }
}
