package dev.panthera.identity;

/** Auth levels of seed 001: every wallet is a user; team and admin wallets come from configuration. */
public enum AuthLevel {
    USER,
    TEAM,
    ADMIN
}
