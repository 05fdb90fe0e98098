-- 0015_expiry_job: the daily expiry job (issue 11 §2) writes its own history steps, 'expiring' (the
-- exemption enters its last days) and 'expire' (it ended), by the system actor.
ALTER TABLE case_history DROP CONSTRAINT case_history_action_check;
--> statement-breakpoint
ALTER TABLE case_history ADD CONSTRAINT case_history_action_check CHECK (action IN ('submit', 'takeCharge', 'validate', 'reject', 'cancel', 'addNote', 'expiring', 'expire'));
