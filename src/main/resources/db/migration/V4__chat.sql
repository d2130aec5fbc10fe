-- Chat (seed 000 Conversation, seed 004 Message/Session). A conversation belongs to the wallet that
-- held the NFT when it was started: after a transfer it stays the previous owner's and is not
-- visible to the new one. Message content is sealed with SecretBox (AES-256-GCM, context
-- "panthera:chat:<conversation_id>"); the envelope names its key, so keys can rotate.
create table conversations (
    conversation_id  uuid         primary key,
    collection       text         not null,
    token_id         text         not null,
    owner_address    text         not null,
    title            text,
    message_count    integer      not null default 0,
    token_count      bigint       not null default 0,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null
);

create index idx_conversations_owner_agent on conversations (owner_address, collection, token_id, updated_at desc);
create index idx_conversations_updated on conversations (updated_at);

create table chat_messages (
    id               bigserial    primary key,
    conversation_id  uuid         not null references conversations (conversation_id) on delete cascade,
    role             text         not null check (role in ('user', 'assistant')),
    content_sealed   bytea        not null,
    tokens_in        integer      not null default 0,
    tokens_out       integer      not null default 0,
    model            text,
    created_at       timestamptz  not null
);

create index idx_chat_messages_conversation on chat_messages (conversation_id, id desc);
create index idx_chat_messages_created on chat_messages (created_at);
