package dev.panthera.identity.internal.session;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.shared.SecretBox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The ES256 keys that sign access tokens. The newest signs; every key in the set verifies (by
 * {@code kid}), so a new key can be put first while tokens signed by the old one run out.
 * Supplied as {@code panthera.auth.jwt-jwks}, or generated once and kept sealed by the master key
 * in {@code <data-dir>/keys/jwt-keys.sealed}.
 */
@Component
class JwtKeyring {

    private static final Logger log = LoggerFactory.getLogger(JwtKeyring.class);
    private static final String SEAL_CONTEXT = "panthera:jwt-keys";

    private final ECKey signingKey;
    private final Map<String, ECKey> verificationKeys = new LinkedHashMap<>();
    /** Built once per key: every authenticated request verifies a token. */
    private final Map<String, ECDSAVerifier> verifiers = new LinkedHashMap<>();

    JwtKeyring(PantheraProperties properties, SecretBox secretBox) {
        List<JWK> keys = load(properties, secretBox).getKeys();
        for (JWK key : keys) {
            if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || !ec.isPrivate()) {
                throw new IllegalStateException("JWT keys must be private P-256 EC keys (ES256)");
            }
            if (ec.getKeyID() == null) {
                throw new IllegalStateException("Every JWT key needs a kid");
            }
            verificationKeys.put(ec.getKeyID(), ec);
            try {
                verifiers.put(ec.getKeyID(), new ECDSAVerifier(ec.toECPublicKey()));
            } catch (JOSEException e) {
                throw new IllegalStateException("JWT key " + ec.getKeyID() + " cannot verify", e);
            }
        }
        this.signingKey = (ECKey) keys.get(0);
    }

    ECKey signingKey() {
        return signingKey;
    }

    /** The verifier for a key id, or null when the id is unknown. */
    ECDSAVerifier verifier(String kid) {
        return kid == null ? null : verifiers.get(kid);
    }

    /** The public half of every key, for services that verify Panthera's tokens themselves. */
    JWKSet publicKeys() {
        return new JWKSet(List.copyOf(verificationKeys.values())).toPublicJWKSet();
    }

    private static JWKSet load(PantheraProperties properties, SecretBox secretBox) {
        String configured = properties.auth().jwtJwks();
        try {
            if (configured != null && !configured.isBlank()) {
                return requireNonEmpty(JWKSet.parse(configured));
            }
            Path file = properties.dataDir().resolve("keys").resolve("jwt-keys.sealed");
            if (Files.exists(file)) {
                byte[] json = secretBox.open(Files.readAllBytes(file), SEAL_CONTEXT);
                return requireNonEmpty(JWKSet.parse(new String(json, StandardCharsets.UTF_8)));
            }
            JWKSet generated = new JWKSet(generate());
            Files.createDirectories(file.getParent());
            byte[] sealed = secretBox.seal(generated.toString(false).getBytes(StandardCharsets.UTF_8), SEAL_CONTEXT);
            Files.write(file, sealed);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            log.info("Generated a JWT signing key, sealed in {}", file);
            return generated;
        } catch (ParseException e) {
            throw new IllegalStateException("panthera.auth.jwt-jwks is not a valid JWK set", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the JWT keys", e);
        }
    }

    static ECKey generate() {
        byte[] id = new byte[6];
        new SecureRandom().nextBytes(id);
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID("pk-" + HexFormat.of().formatHex(id))
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWKSet requireNonEmpty(JWKSet set) {
        if (set.getKeys().isEmpty()) {
            throw new IllegalStateException("The JWT key set is empty");
        }
        return set;
    }
}
