-- One row per rate-limited bucket (a phone, a client address). A captcha request
-- updates its phone's row first, conditionally on the cooldown having passed, then its
-- address's row: the row locks make checking the limits and recording the send one
-- atomic step, even for requests that arrive at once on several instances.
CREATE TABLE rate_buckets (
    bucket TEXT PRIMARY KEY,
    last_at BIGINT NOT NULL
);
CREATE INDEX rate_buckets_by_time ON rate_buckets (last_at);

-- The captcha a rate event was recorded for, so that a captcha the SMS provider failed
-- to send can be taken back out of the phone's hourly count.
ALTER TABLE rate_events ADD COLUMN captcha_id BIGINT;
CREATE INDEX rate_events_by_captcha ON rate_events (captcha_id);
