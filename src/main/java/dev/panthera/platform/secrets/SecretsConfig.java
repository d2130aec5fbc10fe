package dev.panthera.platform.secrets;

import dev.panthera.shared.PantheraProperties;
import dev.panthera.shared.SecretBox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The master key: {@code panthera.master-key} (base64, 32 bytes) when set — it must be when
 * several nodes run — else generated once into {@code <data-dir>/master.key} (0600).
 * {@code panthera.previous-master-keys} lists retired keys that still open old ciphertexts.
 */
@Configuration(proxyBeanMethods = false)
class SecretsConfig {

    private static final Logger log = LoggerFactory.getLogger(SecretsConfig.class);

    @Bean
    SecretBox secretBox(
            PantheraProperties properties, @Value("${panthera.previous-master-keys:}") List<String> previous) {
        List<byte[]> keys = new ArrayList<>();
        keys.add(masterKey(properties));
        for (String old : previous) {
            if (!old.isBlank()) {
                keys.add(decode(old.strip()));
            }
        }
        return new AesGcmSecretBox(keys);
    }

    private static byte[] masterKey(PantheraProperties properties) {
        if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
            return decode(properties.masterKey().strip());
        }
        Path file = properties.dataDir().resolve("master.key");
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file).strip());
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            log.info("Generated a master key in {} (set panthera.master-key to share one between nodes)", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master key " + file, e);
        }
    }

    private static byte[] decode(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("A master key must be base64 of 32 bytes");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("A master key must be base64 of 32 bytes, got " + key.length);
        }
        return key;
    }
}
