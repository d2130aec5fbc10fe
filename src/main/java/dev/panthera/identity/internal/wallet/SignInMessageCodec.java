package dev.panthera.identity.internal.wallet;

import dev.panthera.identity.ChainFamily;
import dev.panthera.shared.PantheraException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses and formats the EIP-4361 grammar shared by SIWE (EVM), SIWS (Solana) and the Cosmos
 * variant. Without a statement, siwe-js puts two empty lines after the address and SIWS one; both
 * are accepted for every family. {@link #format} writes EVM and Cosmos in the siwe-js layout and
 * Solana in the SIWS layout. Malformed input only ever throws VALIDATION_FAILED.
 */
final class SignInMessageCodec {

    /** Longer messages are refused before any parsing. */
    static final int MAX_LENGTH = 16 * 1024;

    private static final String HEADER_PREFIX = " wants you to sign in with your ";
    private static final String HEADER_SUFFIX = " account:";

    private SignInMessageCodec() {}

    /** The account kind named in the header: Ethereum, Cosmos or Solana. */
    static String accountKind(ChainFamily family) {
        return switch (family) {
            case EVM -> "Ethereum";
            case COSMOS -> "Cosmos";
            case SOLANA -> "Solana";
        };
    }

    static SignInMessage parse(ChainFamily family, String text) {
        if (family == null) {
            throw PantheraException.validation("chain is required");
        }
        if (text == null || text.isEmpty()) {
            throw PantheraException.validation("message is required");
        }
        if (text.length() > MAX_LENGTH) {
            throw PantheraException.validation("message is longer than " + MAX_LENGTH + " characters");
        }
        SignInMessageLines lines = new SignInMessageLines(text.split("\n", -1));
        String domain = SignInFields.token("domain", header(family, lines.next("header")));
        String address = SignInFields.token("address", lines.next("address line"));
        lines.expectEmpty("the address");
        String statement = null;
        if (lines.remaining() && lines.peek().isEmpty()) {
            lines.next("URI line");
        } else if (lines.peek(1) != null && lines.peek(1).isEmpty()) {
            statement = SignInFields.text("statement", lines.next("statement"));
            lines.expectEmpty("the statement");
        }
        String uri = SignInFields.uri("URI", lines.field("URI"));
        String version = SignInFields.version(lines.field("Version"));
        String chainId = family == ChainFamily.SOLANA && !lines.has("Chain ID")
                ? null
                : SignInFields.chainId(family, lines.field("Chain ID"));
        String nonce = SignInFields.nonce(lines.field("Nonce"));
        String issuedAtText = lines.field("Issued At");
        Instant issuedAt = SignInFields.time("Issued At", issuedAtText);
        String expirationText = lines.has("Expiration Time") ? lines.field("Expiration Time") : null;
        Instant expiration = expirationText == null ? null : SignInFields.time("Expiration Time", expirationText);
        String notBeforeText = lines.has("Not Before") ? lines.field("Not Before") : null;
        Instant notBefore = notBeforeText == null ? null : SignInFields.time("Not Before", notBeforeText);
        String requestId = lines.has("Request ID") ? SignInFields.token("Request ID", lines.field("Request ID")) : null;
        List<String> resources = new ArrayList<>();
        if (lines.hasLine("Resources:")) {
            lines.next("Resources:");
            while (lines.remaining() && lines.peek().startsWith("- ")) {
                resources.add(
                        SignInFields.uri("a resource", lines.next("resource").substring(2)));
            }
        }
        if (lines.remaining()) {
            throw PantheraException.validation("sign-in message: unexpected line " + lines.position()
                    + " (fields must be URI, Version, Chain ID, Nonce, Issued At, Expiration Time, Not Before,"
                    + " Request ID, Resources, in this order)");
        }
        return new SignInMessage(
                family,
                domain,
                address,
                statement,
                uri,
                version,
                chainId,
                nonce,
                issuedAt,
                expiration,
                notBefore,
                requestId,
                resources,
                issuedAtText,
                expirationText,
                notBeforeText);
    }

    static String format(SignInMessage m) {
        StringBuilder sb = new StringBuilder(512);
        sb.append(m.domain())
                .append(HEADER_PREFIX)
                .append(accountKind(m.family()))
                .append(HEADER_SUFFIX);
        sb.append('\n').append(m.address()).append('\n');
        if (m.statement() != null) {
            sb.append('\n').append(m.statement()).append('\n');
        } else if (m.family() != ChainFamily.SOLANA) {
            sb.append('\n');
        }
        sb.append("\nURI: ").append(m.uri());
        sb.append("\nVersion: ").append(m.version());
        if (m.chainId() != null) {
            sb.append("\nChain ID: ").append(m.chainId());
        }
        sb.append("\nNonce: ").append(m.nonce());
        sb.append("\nIssued At: ").append(m.issuedAtText());
        if (m.expirationTime() != null) {
            sb.append("\nExpiration Time: ").append(m.expirationTimeText());
        }
        if (m.notBefore() != null) {
            sb.append("\nNot Before: ").append(m.notBeforeText());
        }
        if (m.requestId() != null) {
            sb.append("\nRequest ID: ").append(m.requestId());
        }
        if (!m.resources().isEmpty()) {
            sb.append("\nResources:");
            for (String r : m.resources()) {
                sb.append("\n- ").append(r);
            }
        }
        return sb.toString();
    }

    private static String header(ChainFamily family, String line) {
        String expected = HEADER_PREFIX + accountKind(family) + HEADER_SUFFIX;
        if (line.endsWith(expected)) {
            return line.substring(0, line.length() - expected.length());
        }
        int at = line.indexOf(HEADER_PREFIX);
        if (at > 0 && line.endsWith(HEADER_SUFFIX)) {
            throw PantheraException.validation("sign-in message: the header must say \"sign in with your "
                    + accountKind(family) + " account\" for a " + family.id() + " wallet");
        }
        throw PantheraException.validation("sign-in message: the first line must be \"{domain}" + expected + "\"");
    }
}
