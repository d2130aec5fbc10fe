package dev.panthera.platform.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.nio.charset.Charset;

/**
 * Wraps an appender's encoder and redacts the bytes it produced, so the guard sees the final line
 * exactly as it will be written: pattern or JSON, message, arguments, MDC, key-value pairs and
 * stack traces alike, whoever logged it.
 */
final class RedactingEncoder extends ContextAwareBase implements Encoder<ILoggingEvent> {

    private final Encoder<ILoggingEvent> delegate;
    private final Charset charset;

    RedactingEncoder(Encoder<ILoggingEvent> delegate, Charset charset) {
        this.delegate = delegate;
        this.charset = charset;
    }

    Encoder<ILoggingEvent> delegate() {
        return delegate;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] raw = delegate.encode(event);
        if (raw == null || raw.length == 0) {
            return raw;
        }
        String rendered = new String(raw, charset);
        String redacted = redactRendered(rendered);
        return redacted.equals(rendered) ? raw : redacted.getBytes(charset);
    }

    /** A rendered event: a JSON object per line (structured logging) or pattern text. */
    static String redactRendered(String rendered) {
        String line = rendered.stripTrailing();
        if (line.startsWith("{") && line.endsWith("}") && line.indexOf('\n') < 0) {
            String json = JsonLines.redact(line);
            if (json != null) {
                return json + rendered.substring(line.length());
            }
        }
        return Redactor.redact(rendered);
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }

    @Override
    public void start() {
        delegate.start();
    }

    @Override
    public void stop() {
        delegate.stop();
    }

    @Override
    public boolean isStarted() {
        return delegate.isStarted();
    }
}
