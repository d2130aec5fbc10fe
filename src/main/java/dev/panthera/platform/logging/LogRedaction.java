package dev.panthera.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.AppenderAttachable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Puts the redaction guard in front of every appender of a Logback context and keeps the loggers
 * that print HTTP or Redis payloads at DEBUG (request and response bodies, raw headers, commands)
 * at INFO, so bodies are never logged whatever the configured levels say.
 */
public final class LogRedaction {

    static final List<String> PAYLOAD_LOGGERS = List.of(
            "org.springframework.web.servlet.mvc.method.annotation",
            "org.springframework.web.filter.CommonsRequestLoggingFilter",
            "org.springframework.web.client",
            "org.springframework.http.codec",
            "org.springframework.core.codec",
            "org.springframework.jdbc.core.StatementCreatorUtils",
            "org.apache.coyote.http11",
            "org.apache.hc.client5.http.wire",
            "io.lettuce.core",
            "org.postgresql");

    private LogRedaction() {}

    /** Idempotent: appenders already guarded are left as they are. */
    public static void install(LoggerContext context) {
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                guard(it.next(), context);
            }
        }
        for (String name : PAYLOAD_LOGGERS) {
            Logger logger = context.getLogger(name);
            if (!logger.getEffectiveLevel().isGreaterOrEqual(Level.INFO)) {
                logger.setLevel(Level.INFO);
            }
        }
    }

    /** Installs into the context SLF4J is bound to, when that is Logback. */
    public static void installIntoCurrentContext() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            install(context);
        }
    }

    static void guard(Appender<ILoggingEvent> appender, LoggerContext context) {
        if (appender instanceof OutputStreamAppender<ILoggingEvent> output) {
            Encoder<ILoggingEvent> encoder = output.getEncoder();
            if (encoder != null && !(encoder instanceof RedactingEncoder)) {
                RedactingEncoder guarded = new RedactingEncoder(encoder, charsetOf(output, encoder, context));
                guarded.setContext(context);
                output.setEncoder(guarded);
            }
        } else if (appender instanceof AppenderAttachable<?> parent) {
            @SuppressWarnings("unchecked")
            var children = ((AppenderAttachable<ILoggingEvent>) parent).iteratorForAppenders();
            children.forEachRemaining(child -> guard(child, context));
        } else {
            LoggerFactory.getLogger(LogRedaction.class)
                    .warn(
                            "Log appender '{}' ({}) writes without the redaction guard",
                            appender.getName(),
                            appender.getClass().getName());
        }
    }

    /** The charset the wrapped encoder writes in, so decoding and re-encoding is lossless. */
    private static Charset charsetOf(
            OutputStreamAppender<ILoggingEvent> appender, Encoder<ILoggingEvent> encoder, LoggerContext context) {
        if (encoder instanceof LayoutWrappingEncoder<ILoggingEvent> layout && layout.getCharset() != null) {
            return layout.getCharset();
        }
        // Boot's structured encoder does not expose its charset; Boot publishes it as a property
        String property = appender instanceof ConsoleAppender ? "CONSOLE_LOG_CHARSET" : "FILE_LOG_CHARSET";
        String name = context.getProperty(property);
        if (name == null) {
            name = System.getProperty(property);
        }
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
