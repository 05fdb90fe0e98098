-- 0020_mef_list_and_checks: the MEF list of income exemptions (issue 12 §2) and the checks of
-- self-declarations under art. 71 DPR 445/2000 (issue 12 §3). docs/mef-list.md describes the list.
-- registry_exemption.source: CASE (issued on a case) or MEF_LIST (a row of the yearly list, no case);
-- list_year: the list's year; ended_by_import: the import that ended it (the person was no longer listed).
ALTER TABLE registry_exemption ADD COLUMN source varchar(16) DEFAULT 'CASE' NOT NULL;
--> statement-breakpoint
ALTER TABLE registry_exemption ADD COLUMN list_year integer;
--> statement-breakpoint
ALTER TABLE registry_exemption ADD COLUMN ended_by_import bigint;
--> statement-breakpoint
ALTER TABLE registry_exemption ADD CONSTRAINT registry_exemption_source_check CHECK (source IN ('CASE', 'MEF_LIST'));
--> statement-breakpoint
ALTER TABLE registry_exemption ADD CONSTRAINT registry_exemption_list_shape_check CHECK (source <> 'MEF_LIST' OR (list_year IS NOT NULL AND case_id IS NULL));
--> statement-breakpoint
CREATE UNIQUE INDEX registry_exemption_mef_uq ON registry_exemption (fiscal_code, exemption_code, list_year) WHERE source = 'MEF_LIST';
--> statement-breakpoint
-- one row per upload or command-line run: its progress (read by the admin's progress bar) and its figures
CREATE TABLE mef_import (
  id bigserial PRIMARY KEY NOT NULL,
  file_name text NOT NULL,
  list_year integer,
  status varchar(16) NOT NULL,
  total_bytes bigint DEFAULT 0 NOT NULL,
  bytes_read bigint DEFAULT 0 NOT NULL,
  rows_read integer DEFAULT 0 NOT NULL,
  rows_rejected integer DEFAULT 0 NOT NULL,
  rejected_sample jsonb DEFAULT '[]'::jsonb NOT NULL,
  inserted integer,
  unchanged integer,
  reinstated integer,
  superseded integer,
  ended integer,
  started_by varchar(16) NOT NULL,
  started_at timestamp with time zone NOT NULL,
  updated_at timestamp with time zone NOT NULL,
  finished_at timestamp with time zone,
  error text,
  CONSTRAINT mef_import_status_check CHECK (status IN ('LOADING', 'MERGING', 'DONE', 'FAILED'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX mef_import_running_uq ON mef_import ((true)) WHERE status IN ('LOADING', 'MERGING');
--> statement-breakpoint
-- the rows of the import being loaded (one import at a time: mef_import_running_uq); emptied after the merge.
-- UNLOGGED: a staging copy of a file the administrator still has, not worth the WAL.
CREATE UNLOGGED TABLE mef_list_row (
  import_id bigint NOT NULL,
  fiscal_code varchar(16) NOT NULL,
  code varchar(20) NOT NULL
);
--> statement-breakpoint
-- emptied with TRUNCATE by the application's role (which owns no table, 0007)
GRANT TRUNCATE ON mef_list_row TO esenzioni_app;
--> statement-breakpoint
-- art. 71 checks: one row per ASL and month sampled (the sampling itself, its population and size) ...
CREATE TABLE declaration_check_sample (
  period char(7) NOT NULL,
  asl_id varchar(6) NOT NULL,
  sampled_at timestamp with time zone NOT NULL,
  percent numeric(5, 2) NOT NULL,
  population integer NOT NULL,
  sample_size integer NOT NULL,
  PRIMARY KEY (period, asl_id)
);
--> statement-breakpoint
-- ... and one row per self-declaration drawn, with the operator's outcome
CREATE TABLE declaration_check (
  id bigserial PRIMARY KEY NOT NULL,
  case_id bigint NOT NULL REFERENCES self_declaration(case_id),
  asl_id varchar(6) NOT NULL,
  period char(7) NOT NULL,
  sampled_at timestamp with time zone NOT NULL,
  outcome varchar(16),
  note text,
  decided_by varchar(16),
  decided_at timestamp with time zone,
  CONSTRAINT declaration_check_outcome_check CHECK (outcome IN ('CONFORMING', 'NON_CONFORMING')),
  CONSTRAINT declaration_check_decided_check CHECK ((outcome IS NULL) = (decided_at IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX declaration_check_case_uq ON declaration_check (case_id);
--> statement-breakpoint
CREATE INDEX declaration_check_asl_idx ON declaration_check (asl_id, period, id);
--> statement-breakpoint
ALTER TABLE notification DROP CONSTRAINT notification_kind_check;
--> statement-breakpoint
ALTER TABLE notification ADD CONSTRAINT notification_kind_check CHECK (kind IN ('CASE_STATUS_CHANGED', 'CASE_VIEWED', 'EXEMPTION_ENDED'));
--> statement-breakpoint
ALTER TABLE access_log DROP CONSTRAINT access_log_action_check;
--> statement-breakpoint
ALTER TABLE access_log ADD CONSTRAINT access_log_action_check CHECK (action IN ('SEARCH', 'EXPORT', 'READ_DETAIL', 'READ_HISTORY', 'DOWNLOAD_CERTIFICATE', 'DOWNLOAD_ATTACHMENT', 'REGISTRY_LOOKUP', 'TAKE_CHARGE', 'VALIDATE', 'REJECT', 'ADD_NOTE', 'READ_PERSON', 'CANCEL', 'DOWNLOAD_EXEMPTION_CERTIFICATE', 'READ_EXEMPTIONS', 'SUBMIT', 'REVOKE', 'ANNUL', 'LIFT_BLOCK', 'READ_DECLARATION_CHECKS', 'DECIDE_DECLARATION_CHECK'));
