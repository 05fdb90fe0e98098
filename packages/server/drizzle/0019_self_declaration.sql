-- 0019_self_declaration: income self-declarations E01–E04 (issue 12 §1) and the income thresholds by year.
-- income_threshold: the limits of the page (docs/domain.md §1.1), in euro cents, one row per code and date
-- from which they apply (a new decree is a new row of data/income-thresholds.csv, loaded by the catalogue
-- import); the rule picks the row in force on the declaration date.
-- self_declaration: what the declarant declared under DPR 445/2000 for an exemption issued on it, one row
-- per case (the case is created VALIDATED with it); append-only in spirit (no UPDATE path in the code).
CREATE TABLE income_threshold (
  code varchar(20) NOT NULL,
  valid_from date NOT NULL,
  base_cents bigint NOT NULL,
  spouse_cents bigint,
  per_child_cents bigint,
  source text NOT NULL,
  PRIMARY KEY (code, valid_from),
  CONSTRAINT income_threshold_amounts_check CHECK (base_cents > 0 AND (spouse_cents IS NULL OR spouse_cents >= base_cents) AND (per_child_cents IS NULL OR per_child_cents >= 0))
);
--> statement-breakpoint
CREATE TABLE self_declaration (
  case_id bigint PRIMARY KEY NOT NULL REFERENCES exemption_case(id),
  code varchar(20) NOT NULL,
  asl_id varchar(6) NOT NULL,
  declared_at timestamp with time zone NOT NULL,
  declarant_fiscal_code varchar(16) NOT NULL,
  declarant_title varchar(24) NOT NULL,
  holder_fiscal_code varchar(16),
  income_year integer,
  household_income_cents bigint,
  has_spouse boolean,
  dependent_children integer,
  threshold_cents bigint,
  facts jsonb DEFAULT '{}'::jsonb NOT NULL,
  dpr445_accepted_at timestamp with time zone NOT NULL,
  identity_document jsonb,
  CONSTRAINT self_declaration_declarant_title_check CHECK (declarant_title IN ('SELF', 'PARENT', 'GUARDIAN', 'ASSISTED_BY_CURATOR', 'RELATIVE', 'DELEGATE')),
  CONSTRAINT self_declaration_amounts_check CHECK ((household_income_cents IS NULL OR household_income_cents >= 0) AND (dependent_children IS NULL OR dependent_children >= 0))
);
--> statement-breakpoint
CREATE INDEX self_declaration_asl_declared_idx ON self_declaration (asl_id, declared_at);
--> statement-breakpoint
CREATE INDEX self_declaration_declarant_idx ON self_declaration (declarant_fiscal_code);
