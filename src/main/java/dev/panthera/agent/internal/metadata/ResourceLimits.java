package dev.panthera.agent.internal.metadata;

import dev.panthera.agent.AgentDeployment.Resources;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Seed 000 resource limits — CPU 0.5–4 cores, memory 1–8 GB, GPU 0–1 units, disk 1–10 GB — for
 * metadata and owner overrides alike. Sizes are read as GiB whether written {@code 4Gi}, {@code 4G},
 * {@code 4GB} or a bare number, and kept as {@code 4Gi}; CPU as cores ({@code "2"}, {@code 0.5},
 * {@code "500m"}); GPU as a boolean or 0/1. Messages name the field and the limit, never the value.
 */
public final class ResourceLimits {

    public static final BigDecimal CPU_MIN = new BigDecimal("0.5");
    public static final BigDecimal CPU_MAX = new BigDecimal("4");
    public static final BigDecimal MEMORY_MIN = BigDecimal.ONE;
    public static final BigDecimal MEMORY_MAX = new BigDecimal("8");
    public static final BigDecimal DISK_MIN = BigDecimal.ONE;
    public static final BigDecimal DISK_MAX = BigDecimal.TEN;

    private static final Pattern SIZE = Pattern.compile("([0-9]{1,6}(?:\\.[0-9]{1,3})?)\\s*(gi|gib|g|gb)?");
    private static final Pattern CORES = Pattern.compile("([0-9]{1,6}(?:\\.[0-9]{1,3})?)|([0-9]{1,6})m");

    private ResourceLimits() {}

    /** An object with optional cpu, memory, gpu and disk; absent ones keep {@code base}'s. */
    public static Resources resources(JsonNode node, String field, Resources base, List<String> problems) {
        if (!node.isObject()) {
            problems.add(field + " must be an object with cpu, memory, gpu and disk");
            return base;
        }
        String cpu = node.has("cpu") ? cpu(node.get("cpu"), field + ".cpu", problems) : base.cpu();
        String memory = node.has("memory") ? memory(node.get("memory"), field + ".memory", problems) : base.memory();
        Integer gpu = node.has("gpu") ? gpu(node.get("gpu"), field + ".gpu", problems) : Integer.valueOf(base.gpu());
        String disk = node.has("disk") ? disk(node.get("disk"), field + ".disk", problems) : base.disk();
        if (cpu == null || memory == null || gpu == null || disk == null) {
            return base;
        }
        return new Resources(cpu, memory, gpu, disk);
    }

    public static String cpu(JsonNode value, String field, List<String> problems) {
        BigDecimal cores = null;
        if (value.isNumber()) {
            cores = value.decimalValue();
        } else if (value.isString()) {
            Matcher m = CORES.matcher(value.asString().strip().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                cores = m.group(1) != null ? new BigDecimal(m.group(1)) : new BigDecimal(m.group(2)).movePointLeft(3);
            }
        }
        if (cores == null || cores.compareTo(CPU_MIN) < 0 || cores.compareTo(CPU_MAX) > 0 || cores.scale() > 3) {
            problems.add(field + " must be between 0.5 and 4 cores (e.g. \"2\" or 0.5)");
            return null;
        }
        return plain(cores);
    }

    public static String memory(JsonNode value, String field, List<String> problems) {
        return size(value, field, MEMORY_MIN, MEMORY_MAX, problems);
    }

    public static String disk(JsonNode value, String field, List<String> problems) {
        return size(value, field, DISK_MIN, DISK_MAX, problems);
    }

    public static Integer gpu(JsonNode value, String field, List<String> problems) {
        if (value.isBoolean()) {
            return value.asBoolean() ? 1 : 0;
        }
        String text =
                value.isNumber() || value.isString() ? value.asString().strip().toLowerCase(Locale.ROOT) : "";
        return switch (text) {
            case "0", "0.0", "false" -> 0;
            case "1", "1.0", "true" -> 1;
            default -> {
                problems.add(field + " must be between 0 and 1 units (true, false, 0 or 1)");
                yield null;
            }
        };
    }

    private static String size(JsonNode value, String field, BigDecimal min, BigDecimal max, List<String> problems) {
        BigDecimal gb = null;
        if (value.isNumber()) {
            gb = value.decimalValue();
        } else if (value.isString()) {
            Matcher m = SIZE.matcher(value.asString().strip().toLowerCase(Locale.ROOT));
            gb = m.matches() ? new BigDecimal(m.group(1)) : null;
        }
        if (gb == null || gb.compareTo(min) < 0 || gb.compareTo(max) > 0 || gb.scale() > 3) {
            problems.add(field + " must be between " + min + " and " + max + " GB (e.g. \"" + max.intValue() + "Gi\")");
            return null;
        }
        return plain(gb) + "Gi";
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
