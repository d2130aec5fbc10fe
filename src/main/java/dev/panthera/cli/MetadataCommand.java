package dev.panthera.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code panthera metadata}: tools for collection owners — make a collection metadata key and seal
 * an agent metadata file with it (the envelope of {@link dev.panthera.agent.SealedMetadata}), so
 * tokens can carry their agent's configuration encrypted.
 */
@Command(
        name = "metadata",
        mixinStandardHelpOptions = true,
        description = "Seal agent metadata for a collection (AES-256-GCM) and make metadata keys.",
        subcommands = {MetadataSealCommand.class, MetadataNewKeyCommand.class})
public class MetadataCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Runs a subcommand body, turning any failure into "error: ..." and exit code 1. */
    static int run(CommandSpec spec, Callable<Integer> body) {
        try {
            return body.call();
        } catch (Exception e) {
            spec.commandLine()
                    .getErr()
                    .println("error: "
                            + (e.getMessage() != null
                                    ? e.getMessage()
                                    : e.getClass().getSimpleName()));
            spec.commandLine().getErr().flush();
            return 1;
        }
    }
}
