package dev.panthera.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** {@code --url}: the Panthera server a command talks to. */
final class ServerOptions {

    @Option(
            names = "--url",
            defaultValue = "http://localhost:8080",
            description = "Server URL (default: ${DEFAULT-VALUE}).")
    URI url;
}
