-- 0011_enum_checks: every column that holds a closed vocabulary refuses any other value.
-- The lists are the const arrays the columns are typed with in src/db/schema.ts (`enum:`), most of them
-- from @esenzioni/domain (named in the comment above each constraint); test/enum-checks.test.ts reads
-- these constraints back from pg_constraint and fails when a list and its array differ, so a new value
-- needs a migration that replaces the constraint (DROP CONSTRAINT … ; ADD CONSTRAINT … with the new list).
-- A NULL passes a CHECK: the nullable columns (outcome, duration_unit, rejection_reason, last_actor_role)
-- stay nullable. Adding a constraint only reads the rows; every row the code ever wrote satisfies it.
-- access_log.outcome has had its access_log_outcome_check (OK, DENIED) since 0007.
-- ROLES (@esenzioni/domain)
ALTER TABLE user_profile ADD CONSTRAINT user_profile_role_check CHECK (role IN ('DISTRICT_OPERATOR', 'SPECIALIST', 'ADMIN_OPERATOR', 'GP', 'CITIZEN', 'ADMIN'));
--> statement-breakpoint
-- LOGIN_OUTCOMES (src/db/schema.ts)
ALTER TABLE login_attempt ADD CONSTRAINT login_attempt_outcome_check CHECK (outcome IN ('SUCCESS', 'BAD_CREDENTIALS', 'LOCKED'));
--> statement-breakpoint
-- EXEMPTION_FAMILIES (@esenzioni/domain)
ALTER TABLE exemption_code ADD CONSTRAINT exemption_code_family_check CHECK (family IN ('CHRONIC', 'RARE', 'INVALIDITY', 'INCOME', 'PREGNANCY', 'DENTAL', 'OTHER'));
--> statement-breakpoint
-- DURATION_UNITS (src/db/schema.ts)
ALTER TABLE exemption_code ADD CONSTRAINT exemption_code_duration_unit_check CHECK (duration_unit IN ('DAYS', 'MONTHS', 'YEARS'));
--> statement-breakpoint
-- SUBMITTER_TYPES (@esenzioni/domain)
ALTER TABLE exemption_case ADD CONSTRAINT exemption_case_submitter_type_check CHECK (submitter_type IN ('DOCTOR', 'CITIZEN', 'DELEGATE', 'OPERATOR'));
--> statement-breakpoint
-- EXEMPTION_FAMILIES (@esenzioni/domain)
ALTER TABLE exemption_case ADD CONSTRAINT exemption_case_family_check CHECK (family IN ('CHRONIC', 'RARE', 'INVALIDITY', 'INCOME', 'PREGNANCY', 'DENTAL', 'OTHER'));
--> statement-breakpoint
-- CASE_STATUSES (@esenzioni/domain)
ALTER TABLE exemption_case ADD CONSTRAINT exemption_case_status_check CHECK (status IN ('SUBMITTED', 'IN_PROGRESS', 'VALIDATED', 'REJECTED', 'CANCELLED'));
--> statement-breakpoint
-- REJECTION_REASONS (@esenzioni/domain)
ALTER TABLE exemption_case ADD CONSTRAINT exemption_case_rejection_reason_check CHECK (rejection_reason IN ('INSUFFICIENT_REQUIREMENTS', 'INCORRECT_DOCUMENTATION', 'INSUFFICIENT_DOCUMENTATION', 'OTHER'));
--> statement-breakpoint
-- ROLES (@esenzioni/domain)
ALTER TABLE exemption_case ADD CONSTRAINT exemption_case_last_actor_role_check CHECK (last_actor_role IN ('DISTRICT_OPERATOR', 'SPECIALIST', 'ADMIN_OPERATOR', 'GP', 'CITIZEN', 'ADMIN'));
--> statement-breakpoint
-- ROLES (@esenzioni/domain)
ALTER TABLE case_history ADD CONSTRAINT case_history_actor_role_check CHECK (actor_role IN ('DISTRICT_OPERATOR', 'SPECIALIST', 'ADMIN_OPERATOR', 'GP', 'CITIZEN', 'ADMIN'));
--> statement-breakpoint
-- HISTORY_ACTIONS (src/db/schema.ts)
ALTER TABLE case_history ADD CONSTRAINT case_history_action_check CHECK (action IN ('submit', 'takeCharge', 'validate', 'reject', 'cancel', 'addNote'));
--> statement-breakpoint
-- CASE_STATUSES (@esenzioni/domain)
ALTER TABLE case_history ADD CONSTRAINT case_history_status_check CHECK (status IN ('SUBMITTED', 'IN_PROGRESS', 'VALIDATED', 'REJECTED', 'CANCELLED'));
--> statement-breakpoint
-- DOCUMENT_KINDS (src/db/schema.ts)
ALTER TABLE document ADD CONSTRAINT document_kind_check CHECK (kind IN ('CERTIFICATE', 'ATTACHMENT'));
--> statement-breakpoint
-- EXEMPTION_FAMILIES (@esenzioni/domain)
ALTER TABLE registry_exemption ADD CONSTRAINT registry_exemption_family_check CHECK (family IN ('CHRONIC', 'RARE', 'INVALIDITY', 'INCOME', 'PREGNANCY', 'DENTAL', 'OTHER'));
--> statement-breakpoint
-- ROLES (@esenzioni/domain)
ALTER TABLE access_log ADD CONSTRAINT access_log_actor_role_check CHECK (actor_role IN ('DISTRICT_OPERATOR', 'SPECIALIST', 'ADMIN_OPERATOR', 'GP', 'CITIZEN', 'ADMIN'));
--> statement-breakpoint
-- ACCESS_ACTIONS (@esenzioni/domain)
ALTER TABLE access_log ADD CONSTRAINT access_log_action_check CHECK (action IN ('SEARCH', 'EXPORT', 'READ_DETAIL', 'READ_HISTORY', 'DOWNLOAD_CERTIFICATE', 'DOWNLOAD_ATTACHMENT', 'REGISTRY_LOOKUP', 'TAKE_CHARGE', 'VALIDATE', 'REJECT', 'ADD_NOTE', 'READ_PERSON', 'CANCEL', 'DOWNLOAD_EXEMPTION_CERTIFICATE', 'READ_EXEMPTIONS', 'SUBMIT'));
--> statement-breakpoint
-- ROLES (@esenzioni/domain)
ALTER TABLE delegation ADD CONSTRAINT delegation_created_by_role_check CHECK (created_by_role IN ('DISTRICT_OPERATOR', 'SPECIALIST', 'ADMIN_OPERATOR', 'GP', 'CITIZEN', 'ADMIN'));
--> statement-breakpoint
-- NOTIFICATION_KINDS (@esenzioni/domain)
ALTER TABLE notification ADD CONSTRAINT notification_kind_check CHECK (kind IN ('CASE_STATUS_CHANGED', 'CASE_VIEWED'));
--> statement-breakpoint
-- MAIL_STATUSES (@esenzioni/domain)
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_status_check CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'KEPT', 'DEAD'));
