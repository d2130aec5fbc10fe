package dev.panthera.deploy.provider.secretvm;

import dev.panthera.deploy.spi.DeploymentSpec;
import dev.panthera.deploy.spi.ProviderException;
import dev.panthera.deploy.spi.Resources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The docker-compose.yaml a SecretVM boots: one service {@value #SERVICE} from the image, its env,
 * the agent port published, and CPU/memory limits (GPU as a device reservation). The compose file is
 * measured into the attestation (RTMR3) and shown to anyone who verifies the VM, so it must hold no
 * secret: env names that look like one are refused.
 */
final class SecretVmCompose {

    static final String SERVICE = "agent";

    static final Pattern IMAGE =
            Pattern.compile("^(?:(?:[a-zA-Z0-9-]+\\.)+[a-zA-Z0-9-]+(?::\\d+)?/|localhost(?::\\d+)?/)?"
                    + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
                    + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$");
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(SECRET|PASSWORD|PASSWD|PRIVATE_KEY|API_KEY|APIKEY|TOKEN|MNEMONIC|SEED).*");
    private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    private SecretVmCompose() {}

    static String render(DeploymentSpec spec, SecretVmProperties props) {
        String image = spec.image() != null && !spec.image().isBlank() ? spec.image() : props.defaultImage();
        Resources r = spec.resources() == null ? Resources.DEFAULT : spec.resources();
        validate(image, r, props.port());

        Map<String, String> env = new TreeMap<>(spec.env());
        if (spec.config() != null && !spec.config().isBlank()) {
            env.put("PANTHERA_AGENT_CONFIG", spec.config());
        }
        for (String name : env.keySet()) {
            if (!ENV_NAME.matcher(name).matches() || SECRET_NAME.matcher(name).matches()) {
                throw invalid("env " + name + " is not allowed (the compose file is public)");
            }
        }

        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("cpus", String.format(Locale.ROOT, "%.2f", r.cpu()));
        limits.put("memory", Math.round(r.memoryGb() * 1024) + "M");
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("limits", limits);
        if (r.gpu() > 0) {
            Map<String, Object> device = new LinkedHashMap<>();
            device.put("driver", "nvidia");
            device.put("count", r.gpu());
            device.put("capabilities", List.of("gpu"));
            resources.put("reservations", Map.of("devices", List.of(device)));
        }

        Map<String, Object> service = new LinkedHashMap<>();
        service.put("image", image);
        service.put("restart", "unless-stopped");
        if (!env.isEmpty()) {
            service.put("environment", env);
        }
        service.put("ports", List.of(props.port() + ":" + props.port()));
        service.put("deploy", Map.of("resources", resources));

        Map<String, Object> compose = new LinkedHashMap<>();
        compose.put("services", Map.of(SERVICE, service));
        return dumper().dump(compose);
    }

    private static void validate(String image, Resources r, int port) {
        if (image == null || !IMAGE.matcher(image).matches()) {
            throw invalid("image '" + image + "' is not a valid image reference");
        }
        if (r.cpu() < 0.5 || r.cpu() > 4) {
            throw invalid("cpu " + r.cpu() + " outside 0.5-4");
        }
        if (r.memoryGb() < 1 || r.memoryGb() > 8) {
            throw invalid("memory " + r.memoryGb() + " GB outside 1-8");
        }
        if (r.gpu() < 0 || r.gpu() > 1) {
            throw invalid("gpu " + r.gpu() + " outside 0-1");
        }
        if (r.diskGb() < 1 || r.diskGb() > 10) {
            throw invalid("disk " + r.diskGb() + " GB outside 1-10");
        }
        if (port < 1 || port > 65535) {
            throw invalid("port " + port + " is out of range");
        }
    }

    private static Yaml dumper() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setSplitLines(false);
        return new Yaml(options);
    }

    private static ProviderException invalid(String why) {
        return new ProviderException("invalid SecretVM compose: " + why, false);
    }
}
