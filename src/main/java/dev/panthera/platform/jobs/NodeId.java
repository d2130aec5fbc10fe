package dev.panthera.platform.jobs;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Names this node in {@code jobs.locked_by}: host, pid and a short random part, so two processes
 * on one host, or a restarted process that got its old pid again, never share a name.
 */
final class NodeId {

    private NodeId() {}

    static String generate() {
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        return host() + ":" + ProcessHandle.current().pid() + ":"
                + HexFormat.of().formatHex(random);
    }

    private static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }
}
