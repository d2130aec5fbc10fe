package dev.panthera.identity.internal.session;

import dev.panthera.identity.AuthLevel;
import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.internal.wallet.WalletSignInVerifier;
import dev.panthera.shared.PantheraProperties;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Seed 001 auth levels: admin and team wallets come from configuration, everyone else is a user. */
@Component
class AuthLevels {

    private final Set<String> admins;
    private final Set<String> team;

    AuthLevels(PantheraProperties properties, WalletSignInVerifier verifier) {
        this.admins = canonical(properties.auth().adminWallets(), verifier, "admin-wallets");
        this.team = canonical(properties.auth().teamWallets(), verifier, "team-wallets");
    }

    AuthLevel of(ChainFamily family, String canonicalAddress) {
        String key = family.id() + ":" + canonicalAddress;
        if (admins.contains(key)) {
            return AuthLevel.ADMIN;
        }
        return team.contains(key) ? AuthLevel.TEAM : AuthLevel.USER;
    }

    /** Configured addresses in any accepted spelling; a malformed one stops start-up. */
    private static Set<String> canonical(List<String> wallets, WalletSignInVerifier verifier, String key) {
        Set<String> result = new HashSet<>();
        for (String wallet : wallets) {
            try {
                ChainFamily family = verifier.infer(wallet.strip(), null);
                result.add(family.id() + ":" + verifier.canonicalAddress(family, wallet.strip()));
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "panthera.auth." + key + " has an invalid wallet address: " + wallet, e);
            }
        }
        return result;
    }
}
