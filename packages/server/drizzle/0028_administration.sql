-- 0028_administration: the administrator's tamper-evident trail and the offices (sportelli) of the districts.

-- Every change made through the administration API: who, what, on what, with the change's detail (never
-- a password, PIN or API key). One HMAC chain in the style of the access log (audit/admin-audit.ts),
-- verified by `npm run audit:verify`; append-only like access_log.
CREATE TABLE admin_audit (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_user_id bigint,
  actor_role varchar(32) NOT NULL,
  action varchar(48) NOT NULL,
  target_type varchar(24) NOT NULL,
  target_id text NOT NULL,
  detail text NOT NULL,
  correlation_id text NOT NULL,
  prev_hash varchar(64) NOT NULL,
  hash varchar(64) NOT NULL,
  key_id varchar(32) NOT NULL
);
--> statement-breakpoint
CREATE INDEX admin_audit_target_idx ON admin_audit (target_type, target_id, id);
--> statement-breakpoint
CREATE TRIGGER admin_audit_no_update BEFORE UPDATE OR DELETE ON admin_audit
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
--> statement-breakpoint
CREATE TRIGGER admin_audit_no_truncate BEFORE TRUNCATE ON admin_audit
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
--> statement-breakpoint
-- A district's offices: address, services offered, weekly opening hours and closed days (JSON arrays
-- validated by the API's schemas), and where the data comes from (`source`, shown on the public page).
CREATE TABLE office (
  id bigserial PRIMARY KEY,
  district_id varchar(16) NOT NULL REFERENCES district(id),
  name text NOT NULL,
  address text NOT NULL,
  services jsonb NOT NULL DEFAULT '[]'::jsonb,
  hours jsonb NOT NULL DEFAULT '[]'::jsonb,
  closures jsonb NOT NULL DEFAULT '[]'::jsonb,
  note text,
  source text,
  active boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX office_district_idx ON office (district_id);
--> statement-breakpoint
-- Parameters the administrator sets: a name, an optional scope (a Region's code or an ASL's id), an integer.
CREATE TABLE admin_parameter (
  name varchar(48) NOT NULL,
  scope varchar(16) NOT NULL DEFAULT '',
  value integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by bigint,
  PRIMARY KEY (name, scope)
);
