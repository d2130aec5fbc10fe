-- Billing (seed 001 token_transactions and agent_operations): one row in each per model call,
-- written in one transaction. Both carry who called (wallet, API key), what (agent, model,
-- conversation) and how many tokens; neither ever holds message content, only error codes.
create table token_transactions (
    id                bigserial    primary key,
    wallet_address    text         not null,
    -- the ModelCall operation: chat | chat_stream | completion | completion_stream
    transaction_type  text         not null,
    -- total tokens (in + out)
    token_amount      bigint       not null,
    agent_id          text,
    -- for on-chain / x402 payments later; null for metered model calls
    transaction_hash  text,
    created_at        timestamptz  not null,
    status            text         not null default 'completed'
                                   check (status in ('pending', 'completed', 'failed')),
    api_key_id        uuid,
    conversation_id   uuid,
    model             text,
    tokens_in         integer      not null default 0,
    tokens_out        integer      not null default 0
);

create index idx_token_transactions_wallet on token_transactions (wallet_address, created_at);
create index idx_token_transactions_key on token_transactions (api_key_id, created_at) where api_key_id is not null;
create index idx_token_transactions_created on token_transactions (created_at);

create table agent_operations (
    id               bigserial    primary key,
    agent_id         text         not null,
    operation_type   text         not null,
    cost_tokens      bigint       not null,
    wallet_address   text         not null,
    -- milliseconds
    execution_time   integer,
    success          boolean      not null default true,
    -- a ProblemCode name, never content
    error_message    text,
    created_at       timestamptz  not null,
    model            text,
    conversation_id  uuid,
    api_key_id       uuid
);

create index idx_agent_operations_agent on agent_operations (agent_id, created_at);
create index idx_agent_operations_created on agent_operations (created_at);

-- Tokens spent per subject ('wallet:{address}' or 'key:{uuid}') per UTC day, plus a lifetime row at
-- period_start 1970-01-01. A day/week/month budget sums the days of its period, a total budget reads
-- the lifetime row, so a call needs no knowledge of the period its key's budget uses. Updated with
-- insert ... on conflict do update: the counter every node shares and a restart keeps.
create table billing_budgets (
    subject       text    not null,
    period_start  date    not null,
    tokens        bigint  not null default 0,
    primary key (subject, period_start)
);
