-- The agent bound to each NFT (seed 001 inft_agents_collection + seed 000 AgentInfo). One row per
-- NFT of a configured collection, created on first access. `configuration` and `deployment` hold
-- the effective settings: the last good metadata (`metadata_config`, null while none ever loaded)
-- with the owner's `overrides` applied on top, so reads need no merging.
create table agents (
    id                   uuid             primary key,
    collection           text             not null,
    token_id             text             not null,
    owner_address        text             not null,
    agent_type           text             not null default 'chat',   -- seed 001: social, image_gen, eco_monitor ...
    name                 text             not null,
    description          text             not null default '',
    configuration        jsonb            not null,   -- model, system_prompt, temperature, max_tokens, capabilities, parameters
    permissions          text[]           not null default '{}',
    deployment           jsonb            not null,   -- image, resources {cpu, memory, gpu, disk}
    metadata_config      jsonb,                       -- last good settings read from the token's metadata
    overrides            jsonb            not null default '{}',
    votes_received       bigint           not null default 0,
    rewards_earned       numeric(38, 9)   not null default 0,
    tasks_completed      bigint           not null default 0,
    rating               double precision,            -- mean of the ratings received, null until rated
    rating_count         bigint           not null default 0,
    status               text             not null default 'active'
        check (status in ('active', 'paused', 'retired')),
    version              integer          not null default 1,
    metadata_uri         text,                        -- data: URIs are kept as a short description only
    metadata_fetched_at  timestamptz,                 -- last successful load
    metadata_error       text,                        -- last failed load; never carries decrypted content
    metadata_error_at    timestamptz,
    minted_at            timestamptz,
    last_active          timestamptz,
    created_at           timestamptz      not null,
    updated_at           timestamptz      not null,
    unique (collection, token_id)
);

-- seed 001 indexes: {owner, status} and {agentType, performance.rating desc}
create index idx_agents_owner on agents (owner_address, status);
create index idx_agents_type_rating on agents (agent_type, rating desc nulls last);

-- Every change of an agent's settings, one row per version: `default` (created without metadata),
-- `metadata` (loaded or refreshed), `owner` (an override), `transfer` (the NFT changed hands).
create table agent_config_versions (
    agent_id       uuid         not null references agents (id) on delete cascade,
    version        integer      not null,
    configuration  jsonb        not null,
    deployment     jsonb        not null,
    name           text         not null,
    description    text         not null,
    owner_address  text         not null,
    source         text         not null check (source in ('default', 'metadata', 'owner', 'transfer')),
    changed_by     text,
    created_at     timestamptz  not null,
    unique (agent_id, version)
);
create index idx_agent_config_versions on agent_config_versions (agent_id, version desc);

-- Seed 004 Persona, at most one per agent, rendered into the agent's system prompt.
create table personas (
    id                    uuid         primary key,
    agent_id              uuid         not null unique references agents (id) on delete cascade,
    name                  text         not null,
    description           text         not null default '',
    traits                jsonb        not null default '{}',
    voice                 jsonb        not null default '{}',
    knowledge_areas       text[]       not null default '{}',
    behavioral_rules      text[]       not null default '{}',
    example_interactions  jsonb        not null default '[]',
    source                text         not null check (source in ('manual', 'eliza')),
    created_at            timestamptz  not null,
    updated_at            timestamptz  not null
);
