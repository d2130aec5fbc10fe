package dev.panthera.deploy.internal;

import dev.panthera.agent.AgentDeployment;
import dev.panthera.deploy.spi.Resources;
import dev.panthera.shared.PantheraException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a request's resources (as clients write them) into {@link Resources} within seed 000's
 * limits: CPU 0.5-4 cores, memory 1-8 GB, GPU 0-1, disk 1-10 GB. A value left out takes the
 * metadata's, then {@link Resources#DEFAULT}'s. Errors name the field and its range.
 */
final class ResourceRequests {

    static final double CPU_MIN = 0.5;
    static final double CPU_MAX = 4;
    static final double MEMORY_MIN = 1;
    static final double MEMORY_MAX = 8;
    static final double DISK_MIN = 1;
    static final double DISK_MAX = 10;

    private ResourceRequests() {}

    static Resources resolve(Map<String, Object> requested, AgentDeployment.Resources fromMetadata) {
        Resources base = fromMetadata == null ? Resources.DEFAULT : ofMetadata(fromMetadata);
        Map<String, Object> r = requested == null ? Map.of() : requested;
        for (String key : r.keySet()) {
            if (!Set.of("cpu", "memory", "gpu", "disk").contains(key)) {
                throw PantheraException.validation("Unknown resource '" + key + "': use cpu, memory, gpu, disk");
            }
        }
        Resources resolved = new Resources(
                r.get("cpu") == null ? base.cpu() : cpu(r.get("cpu")),
                r.get("memory") == null ? base.memoryGb() : gib("memory", r.get("memory")),
                r.get("gpu") == null ? base.gpu() : gpu(r.get("gpu")),
                r.get("disk") == null ? base.diskGb() : gib("disk", r.get("disk")));
        validate(resolved);
        return resolved;
    }

    static void validate(Resources r) {
        within("cpu", r.cpu(), CPU_MIN, CPU_MAX, " cores");
        within("memory", r.memoryGb(), MEMORY_MIN, MEMORY_MAX, " GB");
        within("gpu", r.gpu(), 0, 1, "");
        within("disk", r.diskGb(), DISK_MIN, DISK_MAX, " GB");
    }

    private static void within(String field, double value, double min, double max, String unit) {
        if (!(value >= min && value <= max)) {
            throw PantheraException.validation("resources." + field + " must be between " + plain(min) + " and "
                    + plain(max) + unit + "; got " + plain(value) + unit);
        }
    }

    private static Resources ofMetadata(AgentDeployment.Resources m) {
        try {
            return new Resources(
                    m.cpuCores().doubleValue(),
                    m.memoryGib().doubleValue(),
                    m.gpu(),
                    m.diskGib().doubleValue());
        } catch (RuntimeException e) {
            // metadata is validated when loaded; a shape it did not expect falls back to the defaults
            return Resources.DEFAULT;
        }
    }

    /** {@code 2}, {@code "2"}, {@code "1.5"} cores or {@code "500m"} millicores. */
    static double cpu(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            String v = s.strip().toLowerCase(Locale.ROOT);
            try {
                return v.endsWith("m")
                        ? Double.parseDouble(v.substring(0, v.length() - 1)) / 1000
                        : Double.parseDouble(v);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw PantheraException.validation("resources.cpu must be cores (2, \"2\", \"0.5\") or millicores (\"500m\")");
    }

    /** A number of GiB, or {@code "4Gi"}, {@code "512Mi"}, {@code "4G"}, {@code "4GB"}, {@code "4"}. */
    static double gib(String field, Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            String v = s.strip().toLowerCase(Locale.ROOT);
            double scale = 1;
            if (v.endsWith("mi") || v.endsWith("mb")) {
                scale = 1.0 / 1024;
                v = v.substring(0, v.length() - 2);
            } else if (v.endsWith("gi") || v.endsWith("gb")) {
                v = v.substring(0, v.length() - 2);
            } else if (v.endsWith("g")) {
                v = v.substring(0, v.length() - 1);
            }
            try {
                return Double.parseDouble(v.strip()) * scale;
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw PantheraException.validation(
                "resources." + field + " must be a size such as \"4Gi\", \"512Mi\" or a number of GB");
    }

    /** 0, 1, true or false. */
    static int gpu(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        if (value instanceof String s) {
            String v = s.strip().toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                return v.equals("true") ? 1 : 0;
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw PantheraException.validation("resources.gpu must be 0, 1, true or false");
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
