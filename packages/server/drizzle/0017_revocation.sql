-- 0017_revocation: «Revoca» and «Annulla esenzione» of a validated exemption (issue 11 §4).
-- Revocation: its reason and time on the case (the exemption's last day is valid_until, on the case and on
-- its registry row); annulment withdraws the registry row for every date (registry_exemption.revoked_at).
-- «Revoca con blocco»: a row of exemption_block refuses new requests for the code until it is lifted.
ALTER TABLE exemption_case ADD COLUMN revocation_reason varchar(32);
--> statement-breakpoint
ALTER TABLE exemption_case ADD COLUMN revoked_at timestamp with time zone;
--> statement-breakpoint
ALTER TABLE exemption_case ADD CONSTRAINT exemption_case_revocation_reason_check CHECK (revocation_reason IN ('REQUIREMENTS_LOST', 'FALSE_DECLARATION', 'CLERICAL_ERROR', 'DEATH', 'MOVED_OUT_OF_REGION'));
--> statement-breakpoint
CREATE TABLE exemption_block (
  id bigserial PRIMARY KEY NOT NULL,
  fiscal_code varchar(16) NOT NULL,
  exemption_code varchar(20) NOT NULL,
  case_id bigint NOT NULL REFERENCES exemption_case(id),
  asl_id varchar(6) NOT NULL,
  blocked_at timestamp with time zone NOT NULL,
  blocked_by varchar(16) NOT NULL,
  lifted_at timestamp with time zone,
  lifted_by varchar(16)
);
--> statement-breakpoint
CREATE UNIQUE INDEX exemption_block_active_uq ON exemption_block (fiscal_code, exemption_code) WHERE lifted_at IS NULL;
--> statement-breakpoint
ALTER TABLE case_history DROP CONSTRAINT case_history_action_check;
--> statement-breakpoint
ALTER TABLE case_history ADD CONSTRAINT case_history_action_check CHECK (action IN ('submit', 'takeCharge', 'validate', 'reject', 'cancel', 'addNote', 'revoke', 'annul', 'expiring', 'expire'));
--> statement-breakpoint
ALTER TABLE access_log DROP CONSTRAINT access_log_action_check;
--> statement-breakpoint
ALTER TABLE access_log ADD CONSTRAINT access_log_action_check CHECK (action IN ('SEARCH', 'EXPORT', 'READ_DETAIL', 'READ_HISTORY', 'DOWNLOAD_CERTIFICATE', 'DOWNLOAD_ATTACHMENT', 'REGISTRY_LOOKUP', 'TAKE_CHARGE', 'VALIDATE', 'REJECT', 'ADD_NOTE', 'READ_PERSON', 'CANCEL', 'DOWNLOAD_EXEMPTION_CERTIFICATE', 'READ_EXEMPTIONS', 'SUBMIT', 'REVOKE', 'ANNUL', 'LIFT_BLOCK'));
