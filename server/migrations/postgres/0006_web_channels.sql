-- The web channels' WeChat apps (a website app, an official account): each app's
-- openid of a person, beside the account's unionid. An official account not bound to
-- the open platform gives no unionid, so its (app, openid) alone names the person
-- there. One openid belongs to one account, and an account has one openid per app.
CREATE TABLE web_openids (
    app_id TEXT NOT NULL,
    open_id TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (app_id, open_id)
);
CREATE UNIQUE INDEX web_openids_one_per_app ON web_openids (user_id, app_id);

-- Web logins started and not finished: the digest of the state sent to WeChat, the
-- digest of the cookie that binds it to one browser, the channel, where to go after.
-- A callback deletes its row, so a state works once.
CREATE TABLE web_states (
    state_hash TEXT PRIMARY KEY,
    browser_hash TEXT NOT NULL,
    channel TEXT NOT NULL,
    return_to TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX web_states_by_expiry ON web_states (expires_at);
