package dev.panthera.deploy.provider.akash;

import dev.panthera.deploy.spi.DeploymentSpec;
import dev.panthera.deploy.spi.ProviderException;
import dev.panthera.deploy.spi.Resources;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The agent's Akash SDL v2.0: one service {@value #SERVICE} from the image, exposed globally on port
 * 80, one compute profile from the resources, one placement with the configured price. The SDL is
 * not secret (its resources and price go on chain, the whole of it to the bidding provider and to
 * Console), so env names that look like secrets are refused rather than published.
 */
final class AkashSdl {

    static final String SERVICE = "agent";

    /** Docker reference: [registry[:port]/]name[/name...][:tag][@sha256:digest]. */
    static final Pattern IMAGE =
            Pattern.compile("^(?:(?:[a-zA-Z0-9-]+\\.)+[a-zA-Z0-9-]+(?::\\d+)?/|localhost(?::\\d+)?/)?"
                    + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
                    + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$");

    static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(SECRET|PASSWORD|PASSWD|PRIVATE_KEY|API_KEY|APIKEY|TOKEN|MNEMONIC|SEED).*");
    private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    private static final Pattern DENOM = Pattern.compile("^(uakt|uact|uusdc|ibc/[A-F0-9]{64})$");
    private static final Pattern QUANTITY = Pattern.compile("^(\\d+)(Mi|Gi)$");

    private AkashSdl() {}

    /** The SDL for {@code spec}, validated; a spec Akash cannot run is a non-retryable failure. */
    static String render(DeploymentSpec spec, AkashProperties props) {
        String image = spec.image() != null && !spec.image().isBlank() ? spec.image() : props.defaultImage();
        Resources r = spec.resources() == null ? Resources.DEFAULT : spec.resources();

        Map<String, Object> service = new LinkedHashMap<>();
        service.put("image", image);
        List<String> env = env(spec);
        if (!env.isEmpty()) {
            service.put("env", env);
        }
        service.put("expose", List.of(map("port", props.port(), "as", 80, "to", List.of(map("global", true)))));

        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("cpu", map("units", r.cpu()));
        resources.put("memory", map("size", r.memoryQuantity()));
        resources.put("storage", List.of(map("size", r.diskQuantity())));
        if (r.gpu() > 0) {
            Map<String, Object> vendor = new LinkedHashMap<>();
            vendor.put(props.gpuVendor(), null);
            resources.put("gpu", map("units", r.gpu(), "attributes", map("vendor", vendor)));
        }

        Map<String, Object> sdl = new LinkedHashMap<>();
        sdl.put("version", "2.0");
        sdl.put("services", map(SERVICE, service));
        sdl.put(
                "profiles",
                map(
                        "compute",
                        map(SERVICE, map("resources", resources)),
                        "placement",
                        map(
                                "akash",
                                map(
                                        "pricing",
                                        map(
                                                SERVICE,
                                                map(
                                                        "denom",
                                                        props.pricing().denom(),
                                                        "amount",
                                                        props.pricing().amount()))))));
        sdl.put("deployment", map(SERVICE, map("akash", map("profile", SERVICE, "count", 1))));
        String yaml = dumper().dump(sdl);
        validate(yaml);
        return yaml;
    }

    /** Checks an SDL as Akash would refuse it, before it costs a deposit. */
    @SuppressWarnings("unchecked")
    static void validate(String yaml) {
        Map<String, Object> sdl;
        try {
            sdl = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (RuntimeException e) {
            throw invalid("not YAML");
        }
        if (sdl == null || !"2.0".equals(String.valueOf(sdl.get("version")))) {
            throw invalid("version must be \"2.0\"");
        }
        try {
            checkServices(sdl);
        } catch (ClassCastException | NullPointerException | NumberFormatException e) {
            throw invalid("malformed (" + e.getClass().getSimpleName() + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkServices(Map<String, Object> sdl) {
        Map<String, Object> services = (Map<String, Object>) section(sdl, "services");
        Map<String, Object> profiles = (Map<String, Object>) section(sdl, "profiles");
        Map<String, Object> compute = (Map<String, Object>) section(profiles, "compute");
        Map<String, Object> placement = (Map<String, Object>) section(profiles, "placement");
        Map<String, Object> deployment = (Map<String, Object>) section(sdl, "deployment");
        for (var entry : services.entrySet()) {
            Map<String, Object> svc = (Map<String, Object>) entry.getValue();
            String image = String.valueOf(svc.get("image"));
            if (!IMAGE.matcher(image).matches()) {
                throw invalid("image '" + image + "' is not a valid image reference");
            }
            for (Object e : (List<Object>) svc.getOrDefault("env", List.of())) {
                String name = String.valueOf(e).split("=", 2)[0];
                if (!ENV_NAME.matcher(name).matches()
                        || SECRET_NAME.matcher(name).matches()) {
                    throw invalid("env " + name + " is not allowed (the SDL is public)");
                }
            }
            for (Object e : (List<Object>) svc.getOrDefault("expose", List.of())) {
                int port = ((Number) ((Map<String, Object>) e).get("port")).intValue();
                if (port < 1 || port > 65535) {
                    throw invalid("port " + port + " is out of range");
                }
            }
            Map<String, Object> placed = (Map<String, Object>) deployment.get(entry.getKey());
            if (placed == null || placed.isEmpty()) {
                throw invalid("service " + entry.getKey() + " is not deployed anywhere");
            }
            for (var where : placed.entrySet()) {
                String profile = String.valueOf(((Map<String, Object>) where.getValue()).get("profile"));
                checkCompute(profile, (Map<String, Object>) compute.get(profile));
                checkPricing(profile, (Map<String, Object>) placement.get(where.getKey()));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkCompute(String profile, Map<String, Object> compute) {
        if (compute == null) {
            throw invalid("compute profile " + profile + " is missing");
        }
        Map<String, Object> r = (Map<String, Object>) compute.get("resources");
        double cpu = ((Number) ((Map<String, Object>) r.get("cpu")).get("units")).doubleValue();
        if (cpu < 0.5 || cpu > 4) {
            throw invalid("cpu units " + cpu + " outside 0.5-4");
        }
        long memoryMi = mebibytes(((Map<String, Object>) r.get("memory")).get("size"));
        if (memoryMi < 1024 || memoryMi > 8192) {
            throw invalid("memory " + memoryMi + "Mi outside 1-8Gi");
        }
        for (Object s : (List<Object>) r.get("storage")) {
            long diskMi = mebibytes(((Map<String, Object>) s).get("size"));
            if (diskMi < 1024 || diskMi > 10240) {
                throw invalid("storage " + diskMi + "Mi outside 1-10Gi");
            }
        }
        Map<String, Object> gpu = (Map<String, Object>) r.get("gpu");
        if (gpu != null) {
            int units = ((Number) gpu.get("units")).intValue();
            Map<String, Object> attributes = (Map<String, Object>) gpu.get("attributes");
            if (units < 0 || units > 1) {
                throw invalid("gpu units " + units + " outside 0-1");
            }
            if (units > 0
                    && (attributes == null || !(attributes.get("vendor") instanceof Map<?, ?> v) || v.isEmpty())) {
                throw invalid("a GPU needs a vendor attribute");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkPricing(String profile, Map<String, Object> placement) {
        Map<String, Object> pricing = placement == null ? null : (Map<String, Object>) placement.get("pricing");
        Map<String, Object> price = pricing == null ? null : (Map<String, Object>) pricing.get(profile);
        if (price == null) {
            throw invalid("no pricing for profile " + profile);
        }
        if (!DENOM.matcher(String.valueOf(price.get("denom"))).matches()) {
            throw invalid("pricing denom " + price.get("denom") + " is not uakt, uact, uusdc or an ibc/ denom");
        }
        if (new BigDecimal(String.valueOf(price.get("amount"))).signum() <= 0) {
            throw invalid("pricing amount must be positive");
        }
    }

    private static List<String> env(DeploymentSpec spec) {
        Map<String, String> env = new TreeMap<>(spec.env());
        if (spec.config() != null && !spec.config().isBlank()) {
            env.put("PANTHERA_AGENT_CONFIG", spec.config());
        }
        List<String> lines = new ArrayList<>();
        env.forEach((k, v) -> lines.add(k + "=" + (v == null ? "" : v)));
        return lines;
    }

    private static long mebibytes(Object size) {
        var m = QUANTITY.matcher(String.valueOf(size));
        if (!m.matches()) {
            throw invalid("size " + size + " is not a Mi/Gi quantity");
        }
        long n = Long.parseLong(m.group(1));
        return m.group(2).equals("Gi") ? n * 1024 : n;
    }

    private static Object section(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (!(value instanceof Map<?, ?> m) || m.isEmpty()) {
            throw invalid("section " + key + " is missing");
        }
        return value;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
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
        return new ProviderException("invalid Akash SDL: " + why, false);
    }
}
