-- 0027_identity: SPID, CIE and the regional identity provider (issue 13). One row per login started at an
-- OpenID provider and not yet come back: the state, nonce and PKCE verifier the callback checks, keyed by
-- the sha256 of the browser's transaction cookie. Consumed (deleted) by the callback, so a replayed
-- callback finds nothing; rows past expires_at are deleted when new ones are written.
CREATE TABLE "oidc_transaction" (
  "id" varchar(64) PRIMARY KEY NOT NULL,
  "provider" varchar(16) NOT NULL,
  "state" text NOT NULL,
  "nonce" text NOT NULL,
  "code_verifier" text NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "oidc_transaction_expires_at_idx" ON "oidc_transaction" USING btree ("expires_at");
