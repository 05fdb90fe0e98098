-- 0018_catalogue_fidelity (issue 12 §7, §9): the other spellings of exemption codes used on prescriptions
-- and by the regional registry (0B02 for 002B), and the documents each exemption family asks for, both
-- catalogue data loaded from data/ by the catalogue import.
CREATE TABLE exemption_code_alias (
  alias varchar(20) PRIMARY KEY NOT NULL,
  code varchar(20) NOT NULL REFERENCES exemption_code(code),
  source text NOT NULL
);
--> statement-breakpoint
CREATE INDEX exemption_code_alias_code_idx ON exemption_code_alias (code);
--> statement-breakpoint
CREATE TABLE family_document (
  family varchar(16) NOT NULL,
  position integer NOT NULL,
  document text NOT NULL,
  required boolean NOT NULL,
  note text,
  source text NOT NULL,
  PRIMARY KEY (family, position)
);
--> statement-breakpoint
ALTER TABLE family_document ADD CONSTRAINT family_document_family_check CHECK (family IN ('CHRONIC', 'RARE', 'INVALIDITY', 'INCOME', 'PREGNANCY', 'DENTAL', 'OTHER'));
