-- Accounts and the binding rules (ARCHITECTURE.md, "Binding rules"): an account holds
-- at most one WeChat identity and one phone (columns, not rows), and the UNIQUE
-- constraints make one identity and one phone belong to at most one account, even
-- when two requests race.
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    mobile TEXT UNIQUE,
    account TEXT UNIQUE,
    password_hash TEXT,
    wechat_union_id TEXT UNIQUE,
    wechat_open_id TEXT UNIQUE,
    wechat_name TEXT,
    wechat_headimgurl TEXT,
    is_bind_avatar BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- The avatar image itself: WeChat's headimgurl stops working when the user changes it.
CREATE TABLE avatars (
    user_id BIGINT PRIMARY KEY REFERENCES users(id),
    content_type TEXT NOT NULL,
    data BLOB NOT NULL,
    fetched_at BIGINT NOT NULL
);

-- The WeChat grant behind an account, re-checked on resume.
CREATE TABLE wechat_grants (
    user_id BIGINT PRIMARY KEY REFERENCES users(id),
    open_id TEXT NOT NULL,
    access_token TEXT NOT NULL,
    access_expires_at BIGINT NOT NULL,
    refresh_token TEXT NOT NULL,
    scope TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Opaque session tokens, stored as SHA-256 digests only.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT
);

-- A WeChat identity waiting for its phone (is_bind false), as a digest of the ticket.
CREATE TABLE bind_tickets (
    ticket_hash TEXT PRIMARY KEY,
    identity TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

-- Code exchanges, so the same code submitted again within its lifetime gets the first
-- result instead of WeChat's 40163. The primary key serialises racing submissions.
CREATE TABLE code_exchanges (
    code_hash TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    result TEXT,
    created_at BIGINT NOT NULL
);

CREATE TABLE captchas (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    mobile TEXT NOT NULL,
    purpose TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    used_at BIGINT
);
CREATE INDEX captchas_by_mobile ON captchas (mobile, purpose, created_at);

-- Sliding-window rate limits shared by every server instance on this database.
CREATE TABLE rate_events (
    bucket TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX rate_events_by_bucket ON rate_events (bucket, at);
