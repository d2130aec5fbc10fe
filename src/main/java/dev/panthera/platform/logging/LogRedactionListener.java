package dev.panthera.platform.logging;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Guards the appenders right after Spring Boot has (re)built the logging configuration, before the
 * application logs anything. Registered in {@code META-INF/spring.factories}, so it runs for every
 * {@code SpringApplication}, tests included, whatever beans exist.
 */
public class LogRedactionListener implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        LogRedaction.installIntoCurrentContext();
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
