package dev.panthera.identity;

import java.util.Locale;

/** The wallet families Panthera signs in, each with its own message and signature standard. */
public enum ChainFamily {
    EVM,
    COSMOS,
    SOLANA;

    /** The lowercase name used in the API and configuration ({@code evm}, {@code cosmos}, {@code solana}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an API/config name; Secret Network is a Cosmos chain. Null when unknown. */
    public static ChainFamily fromId(String id) {
        if (id == null) {
            return null;
        }
        return switch (id.trim().toLowerCase(Locale.ROOT)) {
            case "evm", "ethereum", "eth" -> EVM;
            case "cosmos", "secret" -> COSMOS;
            case "solana", "sol" -> SOLANA;
            default -> null;
        };
    }
}
