package dev.panthera.billing.internal;

import dev.panthera.identity.ApiKeyGrant;
import java.util.UUID;

/**
 * Whose limits and counters: a wallet or an API key. {@code id} names it in counter keys and in
 * {@code billing_budgets}; {@code label} names it in messages to the caller (never the key itself).
 */
record Subject(String id, String label) {

    static Subject wallet(String address) {
        return new Subject("wallet:" + address, "wallet " + address);
    }

    static Subject key(UUID keyId) {
        return new Subject("key:" + keyId, "API key " + keyId);
    }

    static Subject key(ApiKeyGrant grant) {
        String name =
                grant.name() == null || grant.name().isBlank() ? grant.id().toString() : "'" + grant.name() + "'";
        return new Subject("key:" + grant.id(), "API key " + name);
    }

    boolean isKey() {
        return id.startsWith("key:");
    }
}
