-- 0029 (issue 13 §4): the person directory. The built-in adapter is the `person` table, filled and kept up to
-- date by the CSV import of the regional registry of assistiti (docs/person-directory.md): the residence comune
-- (ISTAT), the GP, and the assistance status — a person no longer assisted by the region (CEASED) cannot start a
-- new case. One import at a time, its progress row moved batch after batch, its rows staged then merged.
ALTER TABLE person ADD COLUMN residence_comune varchar(6);
--> statement-breakpoint
ALTER TABLE person ADD COLUMN gp_fiscal_code varchar(16);
--> statement-breakpoint
ALTER TABLE person ADD COLUMN assistance_status varchar(8) DEFAULT 'ASSISTED' NOT NULL;
--> statement-breakpoint
ALTER TABLE person ADD CONSTRAINT person_assistance_status_check CHECK (assistance_status IN ('ASSISTED', 'CEASED'));
--> statement-breakpoint
ALTER TABLE person ADD COLUMN directory_updated_at timestamp with time zone;
--> statement-breakpoint
CREATE TABLE person_import (
  id bigserial PRIMARY KEY,
  file_name text NOT NULL,
  status varchar(16) NOT NULL,
  total_bytes bigint DEFAULT 0 NOT NULL,
  bytes_read bigint DEFAULT 0 NOT NULL,
  rows_read integer DEFAULT 0 NOT NULL,
  rows_rejected integer DEFAULT 0 NOT NULL,
  rejected_sample jsonb DEFAULT '[]'::jsonb NOT NULL,
  inserted integer,
  updated integer,
  unchanged integer,
  started_by varchar(16) NOT NULL,
  started_at timestamp with time zone NOT NULL,
  updated_at timestamp with time zone NOT NULL,
  finished_at timestamp with time zone,
  error text,
  CONSTRAINT person_import_status_check CHECK (status IN ('LOADING', 'MERGING', 'DONE', 'FAILED'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX person_import_running_uq ON person_import ((true)) WHERE status IN ('LOADING', 'MERGING');
--> statement-breakpoint
-- the staged rows of the import being loaded; UNLOGGED: a copy of a file the administrator still has
CREATE UNLOGGED TABLE person_import_row (
  import_id bigint NOT NULL,
  fiscal_code varchar(16) NOT NULL,
  last_name text NOT NULL,
  first_name text NOT NULL,
  birth_date date,
  sex char(1),
  comune varchar(6),
  asl_id varchar(6) NOT NULL,
  district_id varchar(16),
  gp_fiscal_code varchar(16),
  status varchar(8) NOT NULL,
  CONSTRAINT person_import_row_status_check CHECK (status IN ('ASSISTED', 'CEASED'))
);
--> statement-breakpoint
GRANT TRUNCATE ON person_import_row TO esenzioni_app;
