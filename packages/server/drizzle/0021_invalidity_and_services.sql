-- 0021_invalidity_and_services (issue 12 §4, §8).
-- invalidity_data: what the verbale of an invalidity case says (kind, percentage or category I–VIII,
-- indennità di accompagnamento, number, date, issuing body); the code is checked against it
-- (packages/domain/src/invalidity.ts, docs/domain.md §1.5).
-- nomenclator_service: the national nomenclator of specialist services (data/prestazioni_catalogo_nazionale.csv).
-- exempt_service_upload: each exempt-services file the administrator loaded (docs/exempt-services.md);
-- exempt_service rows gain their upload, note and validity window. Every service code names a
-- nomenclator row.
CREATE TABLE invalidity_data (
  case_id bigint PRIMARY KEY NOT NULL REFERENCES exemption_case(id),
  kind varchar(16) NOT NULL,
  percentage smallint,
  category smallint,
  accompaniment boolean NOT NULL DEFAULT false,
  verbale_number varchar(40) NOT NULL,
  verbale_date date NOT NULL,
  issuing_body text NOT NULL,
  CONSTRAINT invalidity_data_kind_check CHECK (kind IN ('CIVIL', 'WORK', 'WAR', 'SERVICE', 'TERRORISM_DUTY', 'L210')),
  CONSTRAINT invalidity_data_percentage_range CHECK (percentage IS NULL OR percentage BETWEEN 1 AND 100),
  CONSTRAINT invalidity_data_category_range CHECK (category IS NULL OR category BETWEEN 1 AND 8),
  CONSTRAINT invalidity_data_one_grade CHECK (percentage IS NULL OR category IS NULL)
);
--> statement-breakpoint
CREATE TABLE nomenclator_service (
  code varchar(20) PRIMARY KEY NOT NULL,
  description text NOT NULL,
  source text NOT NULL
);
--> statement-breakpoint
CREATE TABLE exempt_service_upload (
  id bigserial PRIMARY KEY NOT NULL,
  uploaded_at timestamp with time zone NOT NULL,
  uploaded_by varchar(16) NOT NULL,
  file_name text NOT NULL,
  sha256 varchar(64) NOT NULL,
  row_count integer NOT NULL,
  codes text[] NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX exempt_service_upload_sha256_uq ON exempt_service_upload (sha256);
--> statement-breakpoint
ALTER TABLE exempt_service ADD COLUMN upload_id bigint REFERENCES exempt_service_upload(id);
--> statement-breakpoint
ALTER TABLE exempt_service ADD COLUMN note text;
--> statement-breakpoint
ALTER TABLE exempt_service ADD COLUMN valid_from date;
--> statement-breakpoint
ALTER TABLE exempt_service ADD COLUMN valid_until date;
--> statement-breakpoint
ALTER TABLE exempt_service ADD CONSTRAINT exempt_service_service_code_fk FOREIGN KEY (service_code) REFERENCES nomenclator_service(code);
--> statement-breakpoint
CREATE INDEX exempt_service_upload_idx ON exempt_service (exemption_code, upload_id);
