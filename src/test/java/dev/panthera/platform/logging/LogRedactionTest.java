package dev.panthera.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.json.JsonMapper;

/** The guard in a real Logback pipeline: what reaches the output stream is checked, nothing earlier. */
class LogRedactionTest {

    private static final String ADDRESS = "0x71C7656EC7ab88b098defB751B7401B5f6d8976F";

    private final String jwt = Secrets.jwt();
    private final String signature = "0x" + Secrets.hex(65);
    private final String refreshToken = Secrets.base64Url(32);
    private final String cosmosSignature = Secrets.base64(64);
    private final String chat = "please keep this between us";

    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Logger logger(Encoder<ILoggingEvent> encoder) {
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putObject(
                Environment.class.getName(), new MockEnvironment().withProperty("spring.application.name", "t"));
        encoder.setContext(context);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
        LogRedaction.install(context);
        return context.getLogger("dev.panthera.test");
    }

    private void logSecrets(Logger log) {
        log.info("verify {} with signature {} and token {}", ADDRESS, signature, jwt);
        log.info("refresh {}", new Object[] {"refreshToken=" + refreshToken});
        context.getMDCAdapter().put("access_token", jwt);
        context.getMDCAdapter().put("wallet", ADDRESS);
        log.atInfo().addKeyValue("signature", cosmosSignature).log("cosmos sign-in");
        log.warn("chat {}", "ChatRequest[message=" + chat + ", stream=false]");
        context.getMDCAdapter().clear();
        log.error(
                "sign-in failed",
                new IllegalStateException(
                        "bad signature " + signature,
                        new RuntimeException("{\"refresh_token\":\"" + refreshToken + "\"}")));
    }

    private String written() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private void assertNoSecrets(String output) {
        assertThat(output)
                .doesNotContain(jwt)
                .doesNotContain(jwt.substring(jwt.lastIndexOf('.') + 1))
                .doesNotContain(signature.substring(2))
                .doesNotContain(refreshToken)
                .doesNotContain(cosmosSignature)
                .doesNotContain(chat)
                .contains(Redactor.MASK)
                .contains(ADDRESS); // public, kept for debugging
    }

    @Test
    void patternLinesAreRedacted() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setPattern("%d %level %logger : %msg %kvp %mdc%n%ex");
        logSecrets(logger(encoder));
        String output = written();
        assertNoSecrets(output);
        assertThat(output).contains("sign-in failed", "java.lang.IllegalStateException", "Caused by");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecs", "logstash", "gelf"})
    void structuredJsonLinesStayValidAndRedacted(String format) {
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setFormat(format);
        logSecrets(logger(encoder));
        String output = written();
        assertNoSecrets(output);
        JsonMapper json = JsonMapper.builder().build();
        List<String> lines = output.lines().toList();
        assertThat(lines).hasSize(5);
        String messageField = format.equals("gelf") ? "short_message" : "message";
        for (String line : lines) {
            assertThat(json.readTree(line).get(messageField).stringValue()).isNotBlank();
        }
        assertThat(json.readTree(lines.get(0)).get(messageField).stringValue())
                .startsWith("verify " + ADDRESS + " with signature " + Redactor.MASK);
        assertThat(json.readTree(lines.get(2)).toString()).contains("signature\":\"" + Redactor.MASK + "\"");
        assertThat(lines.get(4)).contains("IllegalStateException", "Caused by");
        if (format.equals("gelf")) {
            assertThat(lines.get(0)).containsPattern("\"timestamp\":\\d+\\.\\d+,"); // numbers kept as written
        }
    }

    @Test
    void installIsIdempotentAndPinsPayloadLoggers() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setPattern("%msg%n");
        context.getLogger("org.springframework.web").setLevel(Level.DEBUG);
        Logger log = logger(encoder);
        LogRedaction.install(context);
        log.info("once " + jwt);
        assertThat(written()).isEqualTo("once " + Redactor.MASK + System.lineSeparator());
        assertThat(context.getLogger("org.springframework.web.servlet.mvc.method.annotation.HttpEntityMethodProcessor")
                        .getEffectiveLevel())
                .isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.springframework.web.servlet.DispatcherServlet")
                        .getEffectiveLevel())
                .isEqualTo(Level.DEBUG);
    }
}
