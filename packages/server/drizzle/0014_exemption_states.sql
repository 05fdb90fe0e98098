-- 0014_exemption_states: the exemption's life after validation (docs/domain.md §1.2, §2.2):
-- EXPIRING (its last days), EXPIRED and REVOKED join the states a case and its history may hold.
ALTER TABLE exemption_case DROP CONSTRAINT exemption_case_status_check;
--> statement-breakpoint
ALTER TABLE exemption_case ADD CONSTRAINT exemption_case_status_check CHECK (status IN ('SUBMITTED', 'IN_PROGRESS', 'VALIDATED', 'REJECTED', 'CANCELLED', 'EXPIRING', 'EXPIRED', 'REVOKED'));
--> statement-breakpoint
ALTER TABLE case_history DROP CONSTRAINT case_history_status_check;
--> statement-breakpoint
ALTER TABLE case_history ADD CONSTRAINT case_history_status_check CHECK (status IN ('SUBMITTED', 'IN_PROGRESS', 'VALIDATED', 'REJECTED', 'CANCELLED', 'EXPIRING', 'EXPIRED', 'REVOKED'));
