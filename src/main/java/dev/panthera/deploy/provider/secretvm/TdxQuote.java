package dev.panthera.deploy.provider.secretvm;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The fields of an Intel TDX quote v4 (hex, as a SecretVM serves it) that say what booted: MRTD
 * (firmware), RTMR0-3 (configuration, kernel, command line, root fs + docker-compose) and
 * REPORTDATA, whose first 32 bytes are the SHA-256 of the VM's TLS certificate. Parsing checks the
 * layout only; the quote's signature chain to Intel is not verified here.
 */
record TdxQuote(byte[] mrTd, byte[][] rtmr, byte[] reportData) {

    private static final int HEADER = 48;
    private static final int BODY = 584;
    private static final int TEE_TDX = 0x81;

    /** The quote when {@code text} is a hex TDX v4 quote; empty for anything else (SEV-SNP, HTML). */
    static Optional<TdxQuote> parse(String text) {
        byte[] q;
        try {
            q = HexFormat.of().parseHex(text.strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (q.length < HEADER + BODY || u16(q, 0) != 4 || u32(q, 4) != TEE_TDX) {
            return Optional.empty();
        }
        int body = HEADER;
        byte[][] rtmr = new byte[4][];
        for (int i = 0; i < 4; i++) {
            rtmr[i] = Arrays.copyOfRange(q, body + 328 + 48 * i, body + 376 + 48 * i);
        }
        return Optional.of(new TdxQuote(
                Arrays.copyOfRange(q, body + 136, body + 184), rtmr, Arrays.copyOfRange(q, body + 520, body + 584)));
    }

    /** Whether REPORTDATA binds the quote to the TLS certificate the attestation server presented. */
    boolean boundTo(byte[] tlsCertificateDer) {
        try {
            byte[] fingerprint = MessageDigest.getInstance("SHA-256").digest(tlsCertificateDer);
            return MessageDigest.isEqual(fingerprint, Arrays.copyOf(reportData, 32));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }
}
