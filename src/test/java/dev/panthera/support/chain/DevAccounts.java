package dev.panthera.support.chain;

import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;

/**
 * The 20 accounts every Hardhat node funds with 10,000 ETH: BIP-44 {@code m/44'/60'/0'/0/i} of the
 * public test mnemonic. Publicly known keys, for local test chains only. Never print their keys.
 */
public final class DevAccounts {

    public static final String MNEMONIC = "test test test test test test test test test test test junk";
    public static final int COUNT = 20;

    /** Account #0, as Hardhat and Anvil print it: a check that the derivation is the standard one. */
    static final String FIRST_ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

    private static final List<Credentials> ACCOUNTS = derive();

    private DevAccounts() {}

    public static List<Credentials> all() {
        return ACCOUNTS;
    }

    private static List<Credentials> derive() {
        Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(MNEMONIC, ""));
        List<Credentials> accounts = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            int[] path = {
                44 | Bip32ECKeyPair.HARDENED_BIT, 60 | Bip32ECKeyPair.HARDENED_BIT, Bip32ECKeyPair.HARDENED_BIT, 0, i
            };
            accounts.add(Credentials.create(Bip32ECKeyPair.deriveKeyPair(master, path)));
        }
        if (!accounts.get(0).getAddress().equalsIgnoreCase(FIRST_ADDRESS)) {
            throw new IllegalStateException("dev account derivation is not the standard one");
        }
        return List.copyOf(accounts);
    }
}
