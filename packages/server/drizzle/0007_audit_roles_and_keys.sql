-- 0007_audit_roles_and_keys: a tamper-resistant access log (issue 9).
--
-- Roles. The tables stay owned by the user that runs the migrations (production: DATABASE_MIGRATION_URL);
-- the application logs in as a role that is a MEMBER of esenzioni_app (production: DATABASE_URL), which
-- may read and write ordinary tables but only SELECT and INSERT the append-only ones, never TRUNCATE,
-- and owns nothing: it cannot ALTER TABLE … DISABLE TRIGGER, drop a trigger or replace its function.
-- Roles are cluster-global and several databases of one cluster may be migrated at once (tests): the
-- creation tolerates a role created meanwhile by another migration (duplicate_object, or the unique
-- index of pg_authid when both transactions raced past the existence check).
-- PGlite (embedded, one superuser session inside the application's process): the role and grants are
-- created too, but nothing stops code in the same process from using the superuser; there only the
-- triggers and the keyed hash chain with its anchors hold (they detect, they cannot prevent).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'esenzioni_app') THEN
    CREATE ROLE esenzioni_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
-- What a row says about the attempt: OK (data returned) or DENIED (refused for scope). Part of the keyed hash.
ALTER TABLE "access_log" ADD COLUMN "outcome" varchar(8) DEFAULT 'OK' NOT NULL;
--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_outcome_check" CHECK ("outcome" IN ('OK', 'DENIED'));
--> statement-breakpoint
-- Which HMAC key hashed the row (keys rotate); NULL: a row written before keyed hashes (plain sha256, verified as such).
ALTER TABLE "access_log" ADD COLUMN "key_id" varchar(32);
--> statement-breakpoint
-- Signed checkpoints of the chains: the last id and hash of each, signed with a key kept outside the
-- database and also exported to a file outside it (audit/anchor.ts). Append-only like the log.
CREATE TABLE "audit_anchor" (
  "id" bigserial PRIMARY KEY NOT NULL,
  "at" timestamp with time zone NOT NULL,
  "key_id" varchar(32) NOT NULL,
  "payload" text NOT NULL,
  "signature" text NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER audit_anchor_no_update BEFORE UPDATE OR DELETE ON audit_anchor
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
--> statement-breakpoint
CREATE TRIGGER audit_anchor_no_truncate BEFORE TRUNCATE ON audit_anchor
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
--> statement-breakpoint
-- This database's identity in the anchors: the export file may hold anchors of several databases (the
-- development databases of one checkout, tests), and audit:verify checks the lines of its own. Set once.
CREATE TABLE "audit_instance" (
  "id" varchar(36) PRIMARY KEY NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
INSERT INTO "audit_instance" ("id") VALUES (gen_random_uuid()::text);
--> statement-breakpoint
-- One row, for ever: a second, older-looking row would make every exported anchor look like another
-- database's and be skipped by audit:verify.
CREATE UNIQUE INDEX "audit_instance_single_row" ON "audit_instance" ((true));
--> statement-breakpoint
CREATE TRIGGER audit_instance_no_update BEFORE UPDATE OR DELETE ON audit_instance
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
--> statement-breakpoint
CREATE TRIGGER audit_instance_no_truncate BEFORE TRUNCATE ON audit_instance
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
--> statement-breakpoint
-- case_history had no TRUNCATE trigger (0001 covered only UPDATE and DELETE).
CREATE TRIGGER case_history_no_truncate BEFORE TRUNCATE ON case_history
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO esenzioni_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO esenzioni_app;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO esenzioni_app;
--> statement-breakpoint
-- Append-only tables: read and append only (the triggers refuse the rest even to the owner).
REVOKE UPDATE, DELETE, TRUNCATE ON access_log, case_history, audit_anchor FROM esenzioni_app;
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_instance FROM esenzioni_app;
--> statement-breakpoint
-- Tables and sequences created by later migrations (run by the same migrating user) are granted too;
-- a later append-only table must REVOKE UPDATE, DELETE like the three above.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO esenzioni_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO esenzioni_app;
--> statement-breakpoint
-- The application may check which migrations are applied (it does not apply them).
GRANT USAGE ON SCHEMA drizzle TO esenzioni_app;
--> statement-breakpoint
GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO esenzioni_app;
