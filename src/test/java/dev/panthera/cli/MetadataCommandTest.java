package dev.panthera.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.agent.SealedMetadata;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code panthera metadata new-key | seal}: what a collection owner runs, checked by opening the result. */
class MetadataCommandTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String METADATA =
            "{\"agent_config\": {\"model\": \"deepseek-chat\", \"system_prompt\": \"Hidden plan\","
                    + " \"temperature\": 0.4, \"max_tokens\": 2048, \"capabilities\": [\"chat\"]},"
                    + " \"deployment\": {\"image\": \"ghcr.io/panthera/agent:1\", \"resources\": {\"cpu\": \"2\", \"memory\": \"4Gi\","
                    + " \"gpu\": false}}}";

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MetadataCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void newKeyPrintsA256BitKeyOrWritesItPrivately() throws IOException {
        Result printed = run("new-key");
        assertThat(printed.code()).isZero();
        byte[] key = Base64.getDecoder().decode(printed.out().strip());
        assertThat(key).hasSize(32);
        assertThat(printed.err()).contains("key id " + SealedMetadata.keyId(key));

        Path file = dir.resolve("panthers.key");
        Result written = run("new-key", "--out", file.toString());
        assertThat(written.code()).isZero();
        String stored = Files.readString(file).strip();
        assertThat(written.out() + written.err()).doesNotContain(stored);
        assertThat(SealedMetadata.decodeKey(stored)).hasSize(32);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        assertThat(run("new-key", "--out", file.toString()).err()).contains("exists (use --force");
        assertThat(run("new-key", "--out", file.toString(), "--force").code()).isZero();
    }

    @Test
    void sealsAFileThatOpensWithTheKeyForThatCollection() throws IOException {
        Path keyFile = dir.resolve("k");
        run("new-key", "--out", keyFile.toString());
        byte[] key = SealedMetadata.decodeKey(Files.readString(keyFile));
        Path in = Files.writeString(dir.resolve("metadata.json"), METADATA);
        Path out = dir.resolve("sealed.json");

        Result sealed = run(
                "seal",
                "--key-file",
                keyFile.toString(),
                "--collection",
                "panthers",
                "--in",
                in.toString(),
                "--out",
                out.toString());
        assertThat(sealed.code()).as(sealed.err()).isZero();
        assertThat(sealed.err()).contains("sealed for collection panthers with key id " + SealedMetadata.keyId(key));
        JsonNode envelope = JSON.readTree(Files.readString(out));
        assertThat(envelope.toString()).doesNotContain("Hidden plan");
        assertThat(new String(SealedMetadata.open(key, "panthers", envelope), StandardCharsets.UTF_8))
                .isEqualTo(METADATA);

        Result asUri = run(
                "seal",
                "--key",
                Base64.getEncoder().encodeToString(key),
                "--collection",
                "panthers",
                "--in",
                in.toString(),
                "--data-uri");
        assertThat(asUri.out().strip()).startsWith("data:application/json;base64,");
        String json = new String(Base64.getDecoder().decode(asUri.out().strip().substring(29)), StandardCharsets.UTF_8);
        assertThat(SealedMetadata.open(key, "panthers", JSON.readTree(json)))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo(METADATA);
    }

    @Test
    void refusesMetadataPantheraWouldRefuseUnlessToldOtherwise() throws IOException {
        String key = Base64.getEncoder().encodeToString(SealedMetadata.newKey());
        Path in = Files.writeString(
                dir.resolve("bad.json"),
                "{\"agent_config\": {\"model\": \"m\", \"temperature\": 3}, \"deployment\": {\"resources\": {\"cpu\": 16}}}");
        Result refused = run("seal", "--key", key, "--collection", "panthers", "--in", in.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err())
                .contains("agent_config.temperature must be a number from 0.0 to 1.0")
                .contains("deployment.resources.cpu must be between 0.5 and 4 cores")
                .contains("error: not sealed");
        assertThat(run("seal", "--key", key, "--collection", "panthers", "--in", in.toString(), "--no-validate")
                        .code())
                .isZero();
    }

    @Test
    void explainsBadKeysAndOptions() throws IOException {
        Path in = Files.writeString(dir.resolve("m.json"), METADATA);
        assertThat(run("seal", "--key", "c2hvcnQ=", "--collection", "panthers", "--in", in.toString())
                        .err())
                .contains("error: the metadata key must be 32 bytes (AES-256), got 5");
        assertThat(run("seal", "--key", "x", "--key-file", "y", "--collection", "p", "--in", in.toString())
                        .code())
                .isNotZero();
        assertThat(run(
                                "seal",
                                "--key",
                                Base64.getEncoder().encodeToString(new byte[32]),
                                "--collection",
                                "bad id",
                                "--in",
                                in.toString())
                        .err())
                .contains("--collection must be 1-64 letters");
        assertThat(run(
                                "seal",
                                "--key",
                                Base64.getEncoder().encodeToString(new byte[32]),
                                "--collection",
                                "p",
                                "--in",
                                dir.resolve("missing.json").toString())
                        .err())
                .contains("error:");
    }
}
