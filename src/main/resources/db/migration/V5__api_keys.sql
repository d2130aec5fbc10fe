-- API keys (like LiteLLM virtual keys): a wallet's keys for OpenAI-compatible clients, scoped to
-- agents ("{collection}/{token_id}") with optional limits of their own. The key itself is never
-- stored: only its sha256 (a key has 256 random bits, so a fast hash is enough) and a short prefix
-- that lists show so owners can tell their keys apart.
create table api_keys (
    id                   uuid        primary key,
    wallet_address       text        not null,
    chain                text        not null check (chain in ('evm', 'cosmos', 'solana')),
    name                 text,
    key_prefix           text        not null,
    key_hash             bytea       not null unique,
    agents               text[]      not null,
    requests_per_minute  integer     check (requests_per_minute > 0),
    tokens_per_minute    bigint      check (tokens_per_minute > 0),
    token_budget         bigint      check (token_budget > 0),
    budget_period        text        check (budget_period in ('day', 'week', 'month', 'total')),
    expires_at           timestamptz,
    created_at           timestamptz not null,
    last_used_at         timestamptz,
    revoked_at           timestamptz
);

create index idx_api_keys_wallet on api_keys (wallet_address, created_at desc);
