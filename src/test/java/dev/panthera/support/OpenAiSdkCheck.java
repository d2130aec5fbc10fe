package dev.panthera.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code tools/openai-sdk/sdk-check.mjs}: the official {@code openai} npm package against a
 * running server, with any key (an access token or an API key). Installs the package with {@code
 * npm ci} when it is missing or older than the lock file; needs Node.js 20+ and npm on the PATH, and
 * the npm registry on first run. Callers assert the checks they care about on the summary.
 */
public final class OpenAiSdkCheck {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OpenAiSdkCheck() {}

    /** The script's one-line JSON summary ({@code ok}, {@code checks}, contents, usage). */
    public static JsonNode run(int port, String apiKey, String model, String foreignModel) throws Exception {
        Path dir = sdkDir();
        requireTool(List.of("node", "--version"), dir, "node");
        install(dir);
        Result check = run(
                List.of("node", "sdk-check.mjs"),
                dir,
                Map.of(
                        "PANTHERA_BASE_URL", "http://127.0.0.1:" + port + "/v1",
                        "PANTHERA_API_KEY", apiKey,
                        "PANTHERA_MODEL", model,
                        "PANTHERA_FOREIGN_MODEL", foreignModel),
                Duration.ofMinutes(2));
        String summaryLine = null;
        for (String line : check.output().split("\n")) {
            if (line.startsWith("{")) {
                summaryLine = line;
            }
        }
        assertThat(summaryLine)
                .as("sdk-check.mjs printed no summary:\n" + check.output())
                .isNotNull();
        JsonNode summary = JSON.readTree(summaryLine);
        assertThat(check.exit() == 0)
                .as("exit status agrees with ok:\n" + check.output())
                .isEqualTo(summary.get("ok").asBoolean());
        return summary;
    }

    static Path sdkDir() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("tools/openai-sdk");
            if (Files.exists(candidate.resolve("sdk-check.mjs"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "tools/openai-sdk/sdk-check.mjs not found above " + System.getProperty("user.dir"));
    }

    /** One install at a time per JVM: parallel test classes must not run npm ci in one directory at once. */
    private static synchronized void install(Path dir) throws Exception {
        Path lock = dir.resolve("package-lock.json");
        Path installed = dir.resolve("node_modules/.package-lock.json");
        if (Files.exists(dir.resolve("node_modules/openai/package.json"))
                && Files.exists(installed)
                && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
            return;
        }
        requireTool(List.of("npm", "--version"), dir, "npm");
        Result ci = run(List.of("npm", "ci", "--no-audit", "--no-fund"), dir, Map.of(), Duration.ofMinutes(3));
        if (ci.exit() != 0) {
            fail("`npm ci` in " + dir + " failed (exit " + ci.exit() + "; the npm registry must be reachable):\n"
                    + ci.output());
        }
    }

    record Result(int exit, String output) {}

    static Result run(List<String> command, Path dir, Map<String, String> env, Duration timeout) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append("(output unreadable: ").append(e.getMessage()).append(')');
            }
        });
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            reader.join(Duration.ofSeconds(5));
            fail(String.join(" ", command) + " did not finish within " + timeout + ":\n" + output);
        }
        reader.join(Duration.ofSeconds(10));
        return new Result(process.exitValue(), output.toString());
    }

    static void requireTool(List<String> command, Path dir, String name) {
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // fall through to the failure below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fail(name + " is not on the PATH: the openai SDK check needs Node.js 20+ with npm (tools/openai-sdk)");
    }
}
