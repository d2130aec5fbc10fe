package dev.panthera.cli;

import dev.panthera.agent.SealedMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code metadata new-key}: a random AES-256 key in base64, for a collection's {@code metadata-key}.
 * With {@code --out} it goes to a file readable by its owner only and is not printed.
 */
@Command(
        name = "new-key",
        mixinStandardHelpOptions = true,
        description = "Make a collection metadata key (base64 of 32 random bytes).")
class MetadataNewKeyCommand implements Callable<Integer> {

    @Option(names = "--out", description = "Write the key to this file (mode 0600) instead of printing it.")
    Path out;

    @Option(names = "--force", description = "Replace an existing --out file.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return MetadataCommand.run(spec, () -> {
            byte[] key = SealedMetadata.newKey();
            String encoded = Base64.getEncoder().encodeToString(key);
            if (out == null) {
                spec.commandLine().getOut().println(encoded);
                spec.commandLine().getOut().flush();
            } else {
                write(out, encoded + "\n");
                spec.commandLine().getErr().println("wrote " + out);
            }
            spec.commandLine()
                    .getErr()
                    .println("key id " + SealedMetadata.keyId(key)
                            + "; configure it as panthera.collections[n].metadata-key (keep it secret)");
            spec.commandLine().getErr().flush();
            return 0;
        });
    }

    private void write(Path file, String text) throws java.io.IOException {
        if (Files.exists(file) && !force) {
            throw new FileAlreadyExistsException(file + " exists (use --force to replace it)");
        }
        Files.deleteIfExists(file);
        Path parent = file.toAbsolutePath().getParent();
        if (Files.getFileStore(parent).supportsFileAttributeView("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
