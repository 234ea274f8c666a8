-- Two-phase rotation: a token that resume mints stays unconfirmed until its first use,
-- and the token it replaces (its predecessor) keeps working until then, so a resume
-- whose answer was lost does not sign the user out. Tokens from a sign-in, and every
-- existing token, count as confirmed.
ALTER TABLE sessions ADD COLUMN predecessor_hash TEXT;
ALTER TABLE sessions ADD COLUMN confirmed_at BIGINT;
UPDATE sessions SET confirmed_at = created_at;
CREATE INDEX sessions_by_predecessor ON sessions (predecessor_hash);
