-- 0022_regional_codes: the Region's own codes (issue 12 §6) as configuration, not national data: the rules
-- of each code of data/regional-codes-<REGION>.csv (who issues it, which identifiers it accepts — codice
-- fiscale, STP, ENI —, documents, duration, age, income range in euro cents, household limits, conditions,
-- co-payment cap, discount), loaded by the catalogue import beside its exemption_code row. Text columns keep
-- the file's notations (packages/domain/src/regional.ts reads them).
CREATE TABLE regional_code (
  code varchar(20) PRIMARY KEY NOT NULL REFERENCES exemption_code(code),
  region varchar(40) NOT NULL,
  category varchar(16) NOT NULL,
  issued_by text NOT NULL,
  identifiers text NOT NULL,
  documents text NOT NULL,
  duration varchar(32) NOT NULL,
  age varchar(64),
  income_measure varchar(16),
  income_over_cents bigint,
  income_max_cents bigint,
  income_max_inclusive boolean DEFAULT true NOT NULL,
  household_limits text,
  conditions text,
  copay_cap_cents bigint,
  discount_percent integer,
  notes text DEFAULT '' NOT NULL,
  source text NOT NULL,
  CONSTRAINT regional_code_category_check CHECK (category IN ('INCOME', 'DENTAL_SOCIAL', 'DENTAL_HEALTH', 'FOREIGN', 'MINOR')),
  CONSTRAINT regional_code_income_measure_check CHECK (income_measure IN ('HOUSEHOLD', 'ISEE')),
  CONSTRAINT regional_code_amounts_check CHECK ((income_over_cents IS NULL OR income_over_cents >= 0) AND (income_max_cents IS NULL OR income_max_cents > coalesce(income_over_cents, -1)) AND (copay_cap_cents IS NULL OR copay_cap_cents >= 0) AND (discount_percent IS NULL OR discount_percent BETWEEN 1 AND 100))
);
