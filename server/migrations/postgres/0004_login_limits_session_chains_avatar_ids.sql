-- Password attempts per bucket (an account, an address, or the pair), shared by every
-- instance. Buckets are digests; times are Unix milliseconds.
CREATE TABLE login_attempts (
    bucket TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    locked_until_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL
);
CREATE INDEX login_attempts_by_update ON login_attempts (updated_ms);

-- A sign-in and the tokens resume rotated from it; logout ends the chain, and with it
-- every token of the chain, in one statement. Each existing session becomes a chain.
CREATE TABLE session_chains (
    id TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    ended_at BIGINT
);
INSERT INTO session_chains (id, user_id, created_at, ended_at)
    SELECT token_hash, user_id, created_at, revoked_at FROM sessions;
ALTER TABLE sessions ADD COLUMN chain_id TEXT REFERENCES session_chains(id);
UPDATE sessions SET chain_id = token_hash;
CREATE INDEX sessions_by_chain ON sessions (chain_id);

-- Avatars are served at /v1/avatars/{public_id}: 128 random bits, not the user id, so
-- the URLs cannot be enumerated. Existing rows get theirs from gen_random_uuid (the
-- server's strong random source; two of them, hashed, for 128 bits); new ones from the
-- server's CSPRNG.
ALTER TABLE avatars ADD COLUMN public_id TEXT;
UPDATE avatars SET public_id =
    substr(encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex'), 1, 32);
CREATE UNIQUE INDEX avatars_by_public_id ON avatars (public_id);
