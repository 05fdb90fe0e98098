-- 0012_exemption_durations: how long an exemption issued for a code lasts, one row per code (issue 11).
-- Minimum and maximum in one unit (DAYS, MONTHS, YEARS) or UNLIMITED; counted from the validation date
-- or from the birth date (040: first three years of life, DM 329/1999 art. 4 c.3); the source it comes
-- from (data/exemption-durations.csv or the administrator), when and by whom it was set. Lookup: the
-- exact code, then its base code, then the catalogue's end (src/db/repositories/durations.ts).
-- The admin's durations held so far by exemption_code.duration_amount/duration_unit move here as the
-- maximum, then those columns (and their CHECK from 0011) are dropped.
CREATE TABLE exemption_duration (
  code varchar(20) PRIMARY KEY REFERENCES exemption_code (code),
  min_amount integer,
  max_amount integer,
  unit varchar(10) NOT NULL,
  from_birth boolean NOT NULL DEFAULT false,
  source text NOT NULL,
  set_at timestamp with time zone NOT NULL DEFAULT now(),
  set_by varchar(16),
  -- DURATION_UNITS (src/db/schema.ts)
  CONSTRAINT exemption_duration_unit_check CHECK (unit IN ('DAYS', 'MONTHS', 'YEARS', 'UNLIMITED')),
  CONSTRAINT exemption_duration_amounts_check CHECK (
    (unit = 'UNLIMITED' AND min_amount IS NULL AND max_amount IS NULL AND NOT from_birth)
    OR (unit <> 'UNLIMITED' AND coalesce(min_amount, max_amount) IS NOT NULL
        AND coalesce(min_amount, 1) >= 1 AND coalesce(max_amount, 1) >= 1
        AND (min_amount IS NULL OR max_amount IS NULL OR min_amount <= max_amount))
  )
);
--> statement-breakpoint
INSERT INTO exemption_duration (code, max_amount, unit, source)
SELECT code, duration_amount, duration_unit, 'Impostata dall''amministratore (prima della migrazione 0012)'
  FROM exemption_code
 WHERE duration_amount >= 1 AND duration_unit IS NOT NULL;
--> statement-breakpoint
ALTER TABLE exemption_code DROP CONSTRAINT IF EXISTS exemption_code_duration_unit_check;
--> statement-breakpoint
ALTER TABLE exemption_code DROP COLUMN duration_amount;
--> statement-breakpoint
ALTER TABLE exemption_code DROP COLUMN duration_unit;
