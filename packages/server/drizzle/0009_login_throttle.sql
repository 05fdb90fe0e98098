-- 0009_login_throttle: an atomic login throttle, known devices, purge indexes, and deactivation ends sessions.
-- One row per throttle key ('user:<username>', 'ip:<address>', 'device:<user id>:<device hash>'): a login
-- attempt reserves its slot with one upsert BEFORE the password is verified (see auth/login.ts).
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  window_start timestamptz NOT NULL,
  locked_until timestamptz
);
--> statement-breakpoint
-- A browser that logged in successfully as a user (sha256 of the esz_device cookie): the right
-- credentials from it pass even while the account is locked for unknown devices.
CREATE TABLE known_device (
  token_hash varchar(64) NOT NULL,
  user_id bigint NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (token_hash, user_id)
);
--> statement-breakpoint
CREATE INDEX known_device_last_used_idx ON known_device (last_used_at);
--> statement-breakpoint
-- why an attempt ended: SUCCESS, BAD_CREDENTIALS, LOCKED (refused before any verification)
ALTER TABLE login_attempt ADD COLUMN outcome varchar(16);
--> statement-breakpoint
-- the retention purge deletes by age alone
CREATE INDEX login_attempt_at_idx ON login_attempt (at);
--> statement-breakpoint
CREATE INDEX session_expires_at_idx ON session (expires_at);
--> statement-breakpoint
-- A deactivated user keeps no session, whoever sets app_user.active = false (admin route, SQL console).
CREATE FUNCTION end_sessions_of_deactivated_user() RETURNS trigger AS $$
BEGIN
  DELETE FROM session WHERE user_id = NEW.id;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER app_user_deactivated_ends_sessions AFTER UPDATE OF active ON app_user
  FOR EACH ROW WHEN (OLD.active AND NOT NEW.active) EXECUTE FUNCTION end_sessions_of_deactivated_user();
