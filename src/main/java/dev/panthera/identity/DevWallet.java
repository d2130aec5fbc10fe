package dev.panthera.identity;

import dev.panthera.identity.internal.wallet.SigningPayloads;
import fr.acinq.bitcoin.Base58;
import fr.acinq.secp256k1.Secp256k1;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * A local development wallet for one chain family: a key that signs sign-in messages the way that
 * family's wallets do (MetaMask {@code personal_sign}, Keplr {@code signArbitrary}, Phantom
 * {@code signIn}). For development and tests only; {@link #toString()} never shows the key.
 */
public final class DevWallet {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChainFamily family;
    private final byte[] privateKey;
    private final String address;
    private final byte[] publicKey;

    private DevWallet(ChainFamily family, String bech32Prefix, byte[] privateKey) {
        this.family = Objects.requireNonNull(family, "family");
        if (privateKey == null || privateKey.length != 32) {
            throw new IllegalArgumentException("a dev wallet key is 32 bytes");
        }
        this.privateKey = privateKey.clone();
        switch (family) {
            case EVM -> {
                requireSecp256k1(privateKey);
                this.publicKey = null;
                this.address = Keys.toChecksumAddress(
                        Keys.getAddress(ECKeyPair.create(privateKey).getPublicKey()));
            }
            case COSMOS -> {
                requireSecp256k1(privateKey);
                Secp256k1 secp = Secp256k1.get();
                this.publicKey = secp.pubKeyCompress(secp.pubkeyCreate(privateKey));
                this.address = SigningPayloads.cosmosAddress(
                        bech32Prefix == null || bech32Prefix.isBlank() ? "secret" : bech32Prefix, publicKey);
            }
            case SOLANA -> {
                this.publicKey = new Ed25519PrivateKeyParameters(privateKey)
                        .generatePublicKey()
                        .getEncoded();
                this.address = Base58.encode(publicKey);
            }
            default -> throw new IllegalArgumentException("unknown family " + family);
        }
    }

    /** A fresh random key; {@code bech32Prefix} (default {@code secret}) only matters for Cosmos. */
    public static DevWallet generate(ChainFamily family, String bech32Prefix) {
        byte[] key = new byte[32];
        do {
            RANDOM.nextBytes(key);
        } while (family != ChainFamily.SOLANA && !Secp256k1.get().secKeyVerify(key));
        DevWallet wallet = new DevWallet(family, bech32Prefix, key);
        Arrays.fill(key, (byte) 0);
        return wallet;
    }

    /** The wallet of a known 32-byte key (secp256k1 secret for EVM/Cosmos, Ed25519 seed for Solana). */
    public static DevWallet fromPrivateKey(ChainFamily family, String bech32Prefix, byte[] key) {
        return new DevWallet(family, bech32Prefix, key);
    }

    public ChainFamily family() {
        return family;
    }

    /** The canonical address: EIP-55, lowercase bech32 or base58. */
    public String address() {
        return address;
    }

    /** A copy of the 32-byte private key (secp256k1 secret or Ed25519 seed). */
    public byte[] privateKey() {
        return privateKey.clone();
    }

    /** The public key to send with a signature: Cosmos base64 of the 33-byte compressed key; null otherwise. */
    public String publicKeyEncoded() {
        return family == ChainFamily.COSMOS ? Base64.getEncoder().encodeToString(publicKey) : null;
    }

    /**
     * Signs a sign-in message in the family's native encoding: EVM 0x-hex of 65 bytes (EIP-191,
     * v = 27/28), Cosmos base64 of 64 bytes r‖s with low S over the ADR-036 sign doc, Solana base58
     * of the 64-byte Ed25519 signature over the UTF-8 message.
     */
    public String sign(String message) {
        Objects.requireNonNull(message, "message");
        return switch (family) {
            case EVM -> {
                Sign.SignatureData sig =
                        Sign.signMessage(SigningPayloads.eip191Hash(message), ECKeyPair.create(privateKey), false);
                byte[] out = new byte[65];
                System.arraycopy(sig.getR(), 0, out, 0, 32);
                System.arraycopy(sig.getS(), 0, out, 32, 32);
                out[64] = sig.getV()[0];
                yield "0x" + HexFormat.of().formatHex(out);
            }
            case COSMOS -> {
                byte[] hash = SigningPayloads.sha256(SigningPayloads.adr036SignDoc(address, message));
                Sign.SignatureData sig = Sign.signMessage(hash, ECKeyPair.create(privateKey), false);
                byte[] out = new byte[64];
                System.arraycopy(sig.getR(), 0, out, 0, 32);
                System.arraycopy(sig.getS(), 0, out, 32, 32);
                yield Base64.getEncoder().encodeToString(out);
            }
            case SOLANA -> {
                Ed25519Signer signer = new Ed25519Signer();
                signer.init(true, new Ed25519PrivateKeyParameters(privateKey));
                byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
                signer.update(bytes, 0, bytes.length);
                yield Base58.encode(signer.generateSignature());
            }
        };
    }

    @Override
    public String toString() {
        return "DevWallet[" + family.id() + " " + address + "]";
    }

    private static void requireSecp256k1(byte[] key) {
        if (!Secp256k1.get().secKeyVerify(key)) {
            throw new IllegalArgumentException("not a valid secp256k1 private key");
        }
    }
}
