-- The expiry sweeps that run on every login and captcha (DELETE ... WHERE created_at /
-- expires_at / at < now - lifetime) would otherwise scan whole tables.
CREATE INDEX code_exchanges_by_created ON code_exchanges (created_at);
CREATE INDEX bind_tickets_by_expiry ON bind_tickets (expires_at);
CREATE INDEX rate_events_by_time ON rate_events (at);
