package dev.panthera.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Boot's own logging setup, as the application gets it: the listener from
 * {@code spring.factories} must guard the console whether structured (JSON) logging is on or off.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogRedactionBootTest {

    private static final String ADDRESS = "0x71C7656EC7ab88b098defB751B7401B5f6d8976F";

    @Configuration(proxyBeanMethods = false)
    static class NoBeans {}

    private static void runAndLog(List<String> args, String jwt, String signature) {
        try (var context = new SpringApplicationBuilder(NoBeans.class)
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new))) {
            Logger log = LoggerFactory.getLogger("dev.panthera.boot-test");
            log.info("signed in {} with token {} and signature={}", ADDRESS, jwt, signature);
            log.warn("refresh failed", new IllegalArgumentException("Authorization: Bearer " + jwt));
            var logback = (LoggerContext) LoggerFactory.getILoggerFactory();
            assertThat(logback.getLogger(
                                    "org.springframework.web.servlet.mvc.method.annotation.HttpEntityMethodProcessor")
                            .getEffectiveLevel())
                    .as("payload loggers stay at INFO even when org.springframework.web is at DEBUG")
                    .isEqualTo(Level.INFO);
        }
    }

    @Test
    void jsonConsoleIsRedacted(CapturedOutput output) {
        String jwt = Secrets.jwt();
        String signature = "0x" + Secrets.hex(65);
        runAndLog(
                List.of(
                        // exactly what the report asks the lead to add to application.yml
                        "--logging.structured.format.console=${PANTHERA_LOG_FORMAT:ecs}",
                        "--logging.structured.ecs.service.name=panthera",
                        "--logging.level.org.springframework.web=debug",
                        "--spring.main.banner-mode=off"),
                jwt,
                signature);
        String out = output.getOut();
        assertThat(out)
                .doesNotContain(jwt)
                .doesNotContain(signature.substring(2))
                .contains(ADDRESS);
        List<String> ours =
                out.lines().filter(line -> line.contains("boot-test")).toList();
        assertThat(ours).hasSize(2);
        JsonMapper json = JsonMapper.builder().build();
        for (String line : ours) {
            assertThat(json.readTree(line).get("message").stringValue()).isNotBlank();
        }
        assertThat(ours.get(0)).contains("with token " + Redactor.MASK + " and signature=" + Redactor.MASK);
        assertThat(json.readTree(ours.get(0)).at("/service/name").stringValue()).isEqualTo("panthera");
    }

    @Test
    void patternConsoleIsRedacted(CapturedOutput output) {
        String jwt = Secrets.jwt();
        String signature = "0x" + Secrets.hex(65);
        runAndLog(
                List.of(
                        // PANTHERA_LOG_FORMAT= (empty) switches JSON off: Boot's default pattern
                        "--logging.structured.format.console=",
                        "--logging.level.org.springframework.web=debug",
                        "--spring.main.banner-mode=off"),
                jwt,
                signature);
        String out = output.getOut();
        assertThat(out)
                .doesNotContain(jwt)
                .doesNotContain(signature.substring(2))
                .contains("signed in " + ADDRESS + " with token " + Redactor.MASK)
                .contains("java.lang.IllegalArgumentException: Authorization: " + Redactor.MASK);
        assertThat(out.lines().filter(line -> line.contains("boot-test")))
                .isNotEmpty()
                .noneMatch(line -> line.startsWith("{"));
    }
}
