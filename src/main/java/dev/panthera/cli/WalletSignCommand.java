package dev.panthera.cli;

import dev.panthera.identity.DevWallet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code wallet sign}: signs a sign-in message and prints the body for {@code POST /v1/auth/verify}. */
@Command(
        name = "sign",
        mixinStandardHelpOptions = true,
        description = "Sign a sign-in message; prints {wallet_address, message, signature, public_key, chain}"
                + " ready for POST /v1/auth/verify.")
class WalletSignCommand extends WalletSubcommand {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Option(
            names = "--message-file",
            required = true,
            description = "File with the message, or - for stdin. One trailing newline is dropped.")
    String messageFile;

    @Override
    int run() throws Exception {
        DevWallet wallet = loadWallet();
        String message = readMessage();
        out().println(JSON.writeValueAsString(verifyBody(wallet, message, null)));
        out().flush();
        return 0;
    }

    /** The verify request body: wallet_address, message, signature, public_key, chain (and nft_token_id). */
    static ObjectNode verifyBody(DevWallet wallet, String message, String nftTokenId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("wallet_address", wallet.address());
        body.put("message", message);
        body.put("signature", wallet.sign(message));
        body.put("public_key", wallet.publicKeyEncoded());
        body.put("chain", wallet.family().id());
        if (nftTokenId != null) {
            body.put("nft_token_id", nftTokenId);
        }
        return body;
    }

    private String readMessage() throws IOException {
        byte[] bytes = "-".equals(messageFile) ? System.in.readAllBytes() : Files.readAllBytes(Path.of(messageFile));
        String message = new String(bytes, StandardCharsets.UTF_8);
        if (message.endsWith("\r\n")) {
            message = message.substring(0, message.length() - 2);
        } else if (message.endsWith("\n")) {
            message = message.substring(0, message.length() - 1);
        }
        if (message.isEmpty()) {
            throw new IOException("the message is empty");
        }
        return message;
    }
}
