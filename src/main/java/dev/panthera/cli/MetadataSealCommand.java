package dev.panthera.cli;

import dev.panthera.agent.SealedMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code metadata seal}: checks an agent metadata file the way Panthera will read it, then seals
 * it for a collection. The output is the envelope JSON, or with {@code --data-uri} a {@code data:}
 * URI ready to be a token URI. Only the key id is printed, never the key or the plaintext.
 */
@Command(
        name = "seal",
        mixinStandardHelpOptions = true,
        description = "Seal an agent metadata JSON file for a collection with its metadata key.")
class MetadataSealCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final class Key {
        @Option(
                names = "--key",
                required = true,
                description = "The collection's metadata key, base64 (visible to"
                        + " other local users in the process list: prefer --key-file).")
        String base64;

        @Option(names = "--key-file", required = true, description = "File holding the base64 key.")
        Path file;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Key key;

    @Option(names = "--collection", required = true, description = "Collection id the metadata is sealed for.")
    String collection;

    @Option(names = "--in", required = true, description = "Metadata JSON file (seed 000 EncryptedMetadata).")
    Path in;

    @Option(names = "--out", description = "Where to write the sealed document (default: standard output).")
    Path out;

    @Option(names = "--data-uri", description = "Write a data:application/json;base64 URI instead of JSON.")
    boolean dataUri;

    @Option(names = "--no-validate", description = "Seal even if Panthera would refuse the metadata.")
    boolean noValidate;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return MetadataCommand.run(spec, () -> {
            if (!collection.matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException("--collection must be 1-64 letters, digits, '-' or '_'");
            }
            byte[] secret = SealedMetadata.decodeKey(
                    key.base64 != null ? key.base64 : Files.readString(key.file, StandardCharsets.UTF_8));
            byte[] metadata = Files.readAllBytes(in);
            List<String> problems = noValidate ? List.of() : SealedMetadata.validate(metadata);
            if (!problems.isEmpty()) {
                problems.forEach(p -> spec.commandLine().getErr().println("invalid: " + p));
                spec.commandLine().getErr().println("error: not sealed (fix the metadata, or pass --no-validate)");
                spec.commandLine().getErr().flush();
                return 1;
            }
            ObjectNode envelope = SealedMetadata.seal(secret, collection, metadata);
            String output = dataUri
                    ? SealedMetadata.dataUri(envelope.toString())
                    : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(envelope);
            if (out == null) {
                spec.commandLine().getOut().println(output);
                spec.commandLine().getOut().flush();
            } else {
                Files.writeString(out, output + "\n", StandardCharsets.UTF_8);
            }
            spec.commandLine()
                    .getErr()
                    .println("sealed for collection " + collection + " with key id " + SealedMetadata.keyId(secret)
                            + (out == null ? "" : " -> " + out));
            spec.commandLine().getErr().flush();
            return 0;
        });
    }
}
