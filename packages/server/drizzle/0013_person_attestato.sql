-- 0013_person_attestato: one attestato per person (issue 11 §5).
--
-- Every attestato printed for a person (by an operator of their ASL, by the citizen or a delegate) is
-- kept: its progressive number, whom it is about, when it was issued and for which day, the random
-- verification code printed on it (and in its QR code), the registry rows it lists and the sha256 of
-- that list. The public check (GET /api/attestati/verify/{code}) answers "valido alla data …" only
-- while every listed row is unchanged and still in force; it never returns the person or the codes.
CREATE TABLE person_attestato (
  number bigserial PRIMARY KEY,
  fiscal_code varchar(16) NOT NULL,
  issued_at timestamptz NOT NULL,
  valid_on date NOT NULL,
  verification_code varchar(32) NOT NULL,
  registry_ids jsonb NOT NULL,
  exemptions_hash char(64) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX person_attestato_verification_code_uq ON person_attestato (verification_code);
--> statement-breakpoint
CREATE INDEX person_attestato_fiscal_code_idx ON person_attestato (fiscal_code, issued_at);
