-- Sessions are bound to an NFT of a collection, not just a token id.
alter table sessions add column nft_collection text;
drop index idx_sessions_nft;
create index idx_sessions_nft on sessions (nft_collection, nft_token_id) where revoked_at is null;

-- Seed 000 NFT Ownership Cache, keyed by collection too.
create table ownership_cache (
    collection     text        not null,
    token_id       text        not null,
    owner_address  text        not null,
    last_verified  timestamptz not null,
    block_height   bigint      not null,
    primary key (collection, token_id)
);
create index idx_ownership_owner on ownership_cache (collection, owner_address);

-- Seed 000 NFT Transfer Event: every change of owner Panthera has seen, once.
create table nft_transfer_events (
    id                bigserial   primary key,
    collection        text        not null,
    token_id          text        not null,
    from_address      text,
    to_address        text,
    block_height      bigint      not null,
    transaction_hash  text        not null,
    log_index         bigint      not null default 0,
    observed_at       timestamptz not null,
    unique (collection, transaction_hash, log_index, token_id)
);
create index idx_transfer_events_nft on nft_transfer_events (collection, token_id, block_height desc);

-- How far each collection's transfer log has been followed: a restart resumes here, no gaps.
create table chain_cursors (
    collection  text        primary key,
    last_block  bigint      not null,
    updated_at  timestamptz not null
);

-- Seed 001 nft_verifications: every ownership check asked for, with its answer.
create table nft_verifications (
    id                   bigserial   primary key,
    wallet_address       text        not null,
    collection           text        not null,
    contract_address     text,
    token_id             text        not null,
    verification_status  text        not null
        check (verification_status in ('verified', 'not_owner', 'not_found', 'unavailable')),
    block_height         bigint,
    verified_at          timestamptz not null
);
create index idx_nft_verifications_wallet on nft_verifications (wallet_address, verified_at desc);

-- The dev chain: Panthera's own NFT registry, so a newcomer can own an agent with no chain at all.
-- Each mint or transfer is a row of dev_nft_transfers; its id serves as the block height.
create table dev_nfts (
    collection     text        not null,
    token_id       text        not null,
    owner_address  text        not null,
    token_uri      text,
    minted_at      timestamptz not null,
    updated_at     timestamptz not null,
    primary key (collection, token_id)
);
create table dev_nft_transfers (
    id            bigserial   primary key,
    collection    text        not null,
    token_id      text        not null,
    from_address  text,
    to_address    text        not null,
    created_at    timestamptz not null
);
create index idx_dev_nft_transfers on dev_nft_transfers (collection, id);
