package dev.panthera.cli;

import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A dev wallet's key file, {@code {"chain","bech32_prefix","address","private_key_hex"}}, readable
 * by its owner only (0600, in a 0700 directory, where the file system has POSIX permissions).
 */
final class WalletKeyFile {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WalletKeyFile() {}

    static void write(Path file, DevWallet wallet, String bech32Prefix, boolean overwrite) throws IOException {
        if (!overwrite && Files.exists(file)) {
            throw new FileAlreadyExistsException(file + " exists (use --force to replace it)");
        }
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = Files.getFileStore(existingAncestor(dir)).supportsFileAttributeView("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        ObjectNode json = JSON.createObjectNode();
        json.put("chain", wallet.family().id());
        if (wallet.family() == ChainFamily.COSMOS) {
            json.put("bech32_prefix", bech32Prefix);
        }
        json.put("address", wallet.address());
        json.put("private_key_hex", HexFormat.of().formatHex(wallet.privateKey()));
        byte[] bytes = (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        Path tmp = posix
                ? Files.createTempFile(
                        dir,
                        ".wallet-",
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".wallet-", ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static DevWallet read(Path file, ChainFamily expected) throws IOException {
        JsonNode json;
        try {
            json = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file + " (create it with: wallet new --chain " + expected.id() + ")");
        } catch (JacksonException e) {
            throw new IOException(file + " is not a wallet key file");
        }
        ChainFamily family = ChainFamily.fromId(json.path("chain").asString(""));
        if (family != expected) {
            throw new IOException(file + " holds a " + json.path("chain").asString("?") + " key, not " + expected.id());
        }
        byte[] key;
        try {
            key = HexFormat.of().parseHex(json.path("private_key_hex").asString(""));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " has no valid private_key_hex");
        }
        return DevWallet.fromPrivateKey(family, json.path("bech32_prefix").asString("secret"), key);
    }

    private static Path existingAncestor(Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? Path.of(".").toAbsolutePath() : p;
    }
}
