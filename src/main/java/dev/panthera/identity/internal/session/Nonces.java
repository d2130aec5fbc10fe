package dev.panthera.identity.internal.session;

import dev.panthera.identity.ChainFamily;
import dev.panthera.shared.EphemeralStore;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.PantheraProperties;
import dev.panthera.shared.ProblemCode;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Sign-in nonces: issued for one wallet, kept in the ephemeral store for the nonce TTL, and
 * consumed with an atomic take, so of concurrent sign-ins with one nonce exactly one proceeds.
 */
@Component
class Nonces {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 20;

    private final EphemeralStore store;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    Nonces(EphemeralStore store, PantheraProperties properties) {
        this.store = store;
        this.ttl = properties.auth().nonceTtl();
    }

    Duration ttl() {
        return ttl;
    }

    String issue(ChainFamily family, String canonicalAddress) {
        StringBuilder nonce = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            nonce.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        store.put(key(nonce.toString()), family.id() + "|" + canonicalAddress, ttl);
        return nonce.toString();
    }

    /** Consumes the nonce; it must have been issued to this wallet, be unexpired and unused. */
    void consume(String nonce, ChainFamily family, String canonicalAddress) {
        Optional<String> issuedTo = store.take(key(nonce));
        if (issuedTo.isEmpty()) {
            throw new PantheraException(
                    ProblemCode.NONCE_INVALID, "Nonce was not issued by this server, has expired or was already used");
        }
        if (!issuedTo.get().equals(family.id() + "|" + canonicalAddress)) {
            throw new PantheraException(ProblemCode.NONCE_INVALID, "Nonce was issued to another wallet");
        }
    }

    private static String key(String nonce) {
        return "nonce:" + nonce;
    }
}
