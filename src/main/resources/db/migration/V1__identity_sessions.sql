-- Sessions (seed 000 Sessions; also serves seed 001 wallet_sessions). Tokens are never stored:
-- the access token is a JWT checked against this row's state, the refresh token is kept as a
-- sha256 hash and rotated on every use.
create table sessions (
    session_id          uuid primary key,
    wallet_address      text        not null,
    chain               text        not null check (chain in ('evm', 'cosmos', 'solana')),
    nft_token_id        text,
    nft_verified        boolean     not null default false,
    auth_level          text        not null check (auth_level in ('user', 'team', 'admin')),
    access_token_id     text        not null,   -- jti of the newest access token (seed 000 access_token)
    refresh_token_hash  text        not null unique,
    created_at          timestamptz not null,
    expires_at          timestamptz not null,
    last_activity       timestamptz not null,
    ip_address          text,
    user_agent          text,
    revoked_at          timestamptz,
    revoked_reason      text
);

create index idx_sessions_wallet on sessions (wallet_address, created_at desc);
create index idx_sessions_nft on sessions (nft_token_id) where revoked_at is null;
create index idx_sessions_expires on sessions (expires_at);

-- Refresh tokens already exchanged: presenting one again means it leaked, and the session dies.
create table used_refresh_tokens (
    token_hash  text        primary key,
    session_id  uuid        not null references sessions (session_id) on delete cascade,
    used_at     timestamptz not null
);
