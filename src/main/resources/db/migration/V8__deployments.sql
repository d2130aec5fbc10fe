-- Deployments (seed 000 Deployments and Deployment Events): one row per attempt to run an NFT's
-- agent on a provider, moved only through DeploymentState's state machine, with an audit trail.
create table deployments (
    id                   uuid         primary key,
    collection           text         not null,
    nft_token_id         text         not null,
    owner_address        text         not null,
    -- the provider's own id for the workload; null until the provider assigned one
    deployment_id        text,
    status               text         not null
                                      check (status in ('pending', 'deploying', 'starting', 'running',
                                                        'unhealthy', 'stopping', 'stopped', 'failed')),
    provider             text         not null,
    endpoint_url         text,
    resources            jsonb        not null,
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null,
    last_health_check    timestamptz,
    error_message        text,
    -- what the provider reported about its workload (never secrets)
    provider_details     jsonb        not null default '{}'::jsonb,
    -- the last seed 000 AgentHealth
    health               jsonb,
    -- when it last became running: uptime is counted from here
    started_at           timestamptz,
    restart_count        integer      not null default 0,
    requested_by         text         not null
);

-- one active deployment per NFT: a second request finds the first
create unique index uq_deployments_active_nft on deployments (collection, nft_token_id)
    where status not in ('stopped', 'failed');
create index idx_deployments_owner on deployments (owner_address, created_at desc);
create index idx_deployments_status on deployments (status);

create table deployment_events (
    id             uuid         primary key,
    deployment_id  uuid         not null references deployments (id) on delete cascade,
    event_type     text         not null
                                check (event_type in ('created', 'started', 'stopped', 'failed', 'transferred',
                                                      'status_changed', 'health')),
    old_status     text,
    new_status     text,
    event_data     jsonb        not null default '{}'::jsonb,
    created_at     timestamptz  not null,
    -- the order events were written in, even within one millisecond
    seq            bigint       generated always as identity
);

create index idx_deployment_events_deployment on deployment_events (deployment_id, seq);
