package dev.panthera.chat;

import dev.panthera.llm.ChatCompletion;
import dev.panthera.llm.ModelGateway;
import dev.panthera.llm.ModelRequest;
import dev.panthera.llm.ModelStreamListener;
import dev.panthera.llm.StreamHandle;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The real gateway, except that a last message containing "[drip]" streams a token every 50 ms
 * until cancelled: a model that is still talking when the client leaves. Import it into a test.
 */
@TestConfiguration
public class DrippingModel {

    /** Released each time a "[drip]" stream is cancelled; drain it before a test that waits on it. */
    public static final Semaphore CANCELLED = new Semaphore(0);

    @Bean
    @Primary
    ModelGateway drippingGateway(@Qualifier("defaultModelGateway") ModelGateway real) {
        return new ModelGateway() {
            @Override
            public ChatCompletion complete(ModelRequest request) {
                return real.complete(request);
            }

            @Override
            public StreamHandle stream(ModelRequest request, ModelStreamListener listener) {
                if (!request.messages().getLast().content().contains("[drip]")) {
                    return real.stream(request, listener);
                }
                AtomicBoolean cancelled = new AtomicBoolean();
                Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 600 && !cancelled.get(); i++) {
                        listener.onToken(" drip");
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                return new StreamHandle() {
                    @Override
                    public void cancel() {
                        if (cancelled.compareAndSet(false, true)) {
                            CANCELLED.release();
                        }
                    }

                    @Override
                    public boolean isCancelled() {
                        return cancelled.get();
                    }
                };
            }
        };
    }
}
