package dev.panthera.deploy.provider.docker;

import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import dev.panthera.deploy.spi.ProviderException;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns docker-java failures into {@link ProviderException}s: the engine down, a 5xx, a timeout or a
 * 409 are worth retrying; a 4xx (bad parameters, image missing, registry refused) is not. Messages
 * carry the engine's own explanation, which names objects but never the container's environment.
 */
final class DockerErrors {

    /** The engine answers errors as {@code {"message":"..."}}; docker-java prefixes "Status NNN: ". */
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private DockerErrors() {}

    /** {@code action} says what was attempted, e.g. "create container panthera-agent-…". */
    static ProviderException translate(String action, String host, RuntimeException e) {
        if (e instanceof ProviderException pe) {
            return pe;
        }
        if (e instanceof DockerException de) {
            int status = de.getHttpStatus();
            String detail = engineMessage(de.getMessage());
            boolean retryable = status >= 500 || status == 409 || status == 408 || status == 429;
            return new ProviderException(
                    "Docker Engine refused to " + action + " (HTTP " + status + "): " + detail, retryable, e);
        }
        if (hasCause(e, IOException.class)) {
            return new ProviderException(
                    "Docker Engine at " + host + " unreachable while trying to " + action + ": " + rootMessage(e),
                    true,
                    e);
        }
        if (e instanceof DockerClientException) {
            // Raised by docker-java itself, e.g. a pull stream that ended without success.
            String detail = e.getMessage() == null ? "" : e.getMessage();
            return new ProviderException("Could not " + action + ": " + detail, !isPermanent(detail), e);
        }
        return new ProviderException("Could not " + action + ": " + e, false, e);
    }

    static ProviderException timeout(String action, Duration after) {
        return new ProviderException("Docker Engine did not " + action + " within " + after, true);
    }

    static boolean isStatus(RuntimeException e, int status) {
        return e instanceof DockerException de && de.getHttpStatus() == status;
    }

    static String engineMessage(String raw) {
        if (raw == null) {
            return "";
        }
        Matcher m = MESSAGE.matcher(raw);
        return m.find() ? m.group(1).replace("\\\"", "\"") : raw.strip();
    }

    /** A pull that failed because the image or the right to it does not exist will not succeed later. */
    private static boolean isPermanent(String detail) {
        String d = detail.toLowerCase(Locale.ROOT);
        return d.contains("not found")
                || d.contains("manifest unknown")
                || d.contains("denied")
                || d.contains("unauthorized")
                || d.contains("does not exist");
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}
