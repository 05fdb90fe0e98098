-- 0023_correct_diagnosis: «Correggi diagnosi» (issue 17 §2) is a case command: its history action and its
-- access-log action join the CHECK constraints (equal to HISTORY_ACTIONS and ACCESS_ACTIONS).
ALTER TABLE case_history DROP CONSTRAINT case_history_action_check;
--> statement-breakpoint
ALTER TABLE case_history ADD CONSTRAINT case_history_action_check CHECK (action IN ('submit', 'takeCharge', 'validate', 'reject', 'cancel', 'addNote', 'revoke', 'annul', 'correctDiagnosis', 'expiring', 'expire'));
--> statement-breakpoint
ALTER TABLE access_log DROP CONSTRAINT access_log_action_check;
--> statement-breakpoint
ALTER TABLE access_log ADD CONSTRAINT access_log_action_check CHECK (action IN ('SEARCH', 'EXPORT', 'READ_DETAIL', 'READ_HISTORY', 'DOWNLOAD_CERTIFICATE', 'DOWNLOAD_ATTACHMENT', 'REGISTRY_LOOKUP', 'TAKE_CHARGE', 'VALIDATE', 'REJECT', 'ADD_NOTE', 'READ_PERSON', 'CANCEL', 'DOWNLOAD_EXEMPTION_CERTIFICATE', 'READ_EXEMPTIONS', 'SUBMIT', 'REVOKE', 'ANNUL', 'LIFT_BLOCK', 'READ_DECLARATION_CHECKS', 'DECIDE_DECLARATION_CHECK', 'CORRECT_DIAGNOSIS'));
