-- 0025_statistics: the statistics of issue 15. Two roles join the CHECK constraints of every role column
-- (equal to ROLES): ASL_MANAGER (the figures of one ASL) and REGION_ANALYST (every ASL). The dashboard reads
-- pre-aggregated tables, rebuilt as a whole by the statistics job (services/statistics/refresh-statistics.ts):
-- rows carry GROUPING SETS levels — base_code '*' is every code of the family, family '*' every family,
-- district_id '*' the whole ASL, asl_id '*' the Region — so a query reads a few hundred rows, whatever the
-- number of cases. district_id '' is "no district". Counts here are exact; small cells are suppressed when they are read.
ALTER TABLE user_profile DROP CONSTRAINT user_profile_role_check;
--> statement-breakpoint
ALTER TABLE user_profile ADD CONSTRAINT user_profile_role_check CHECK (role IN ('DISTRICT_OPERATOR', 'SPECIALIST', 'ADMIN_OPERATOR', 'GP', 'CITIZEN', 'ADMIN', 'ASL_MANAGER', 'REGION_ANALYST'));
--> statement-breakpoint
ALTER TABLE exemption_case DROP CONSTRAINT exemption_case_last_actor_role_check;
--> statement-breakpoint
ALTER TABLE exemption_case ADD CONSTRAINT exemption_case_last_actor_role_check CHECK (last_actor_role IN ('DISTRICT_OPERATOR', 'SPECIALIST', 'ADMIN_OPERATOR', 'GP', 'CITIZEN', 'ADMIN', 'ASL_MANAGER', 'REGION_ANALYST'));
--> statement-breakpoint
ALTER TABLE case_history DROP CONSTRAINT case_history_actor_role_check;
--> statement-breakpoint
ALTER TABLE case_history ADD CONSTRAINT case_history_actor_role_check CHECK (actor_role IN ('DISTRICT_OPERATOR', 'SPECIALIST', 'ADMIN_OPERATOR', 'GP', 'CITIZEN', 'ADMIN', 'ASL_MANAGER', 'REGION_ANALYST'));
--> statement-breakpoint
ALTER TABLE access_log DROP CONSTRAINT access_log_actor_role_check;
--> statement-breakpoint
ALTER TABLE access_log ADD CONSTRAINT access_log_actor_role_check CHECK (actor_role IN ('DISTRICT_OPERATOR', 'SPECIALIST', 'ADMIN_OPERATOR', 'GP', 'CITIZEN', 'ADMIN', 'ASL_MANAGER', 'REGION_ANALYST'));
--> statement-breakpoint
ALTER TABLE delegation DROP CONSTRAINT delegation_created_by_role_check;
--> statement-breakpoint
ALTER TABLE delegation ADD CONSTRAINT delegation_created_by_role_check CHECK (created_by_role IN ('DISTRICT_OPERATOR', 'SPECIALIST', 'ADMIN_OPERATOR', 'GP', 'CITIZEN', 'ADMIN', 'ASL_MANAGER', 'REGION_ANALYST'));
--> statement-breakpoint
-- cases received (by the month they were sent) and decided (by the month of the decision in the history)
CREATE TABLE stat_flow_month (
  month date NOT NULL,
  asl_id varchar(6) NOT NULL,
  district_id varchar(16) NOT NULL,
  family varchar(16) NOT NULL,
  base_code varchar(20) NOT NULL,
  received integer NOT NULL,
  validated integer NOT NULL,
  rejected integer NOT NULL,
  cancelled integer NOT NULL,
  rejected_insufficient_requirements integer NOT NULL,
  rejected_incorrect_documentation integer NOT NULL,
  rejected_insufficient_documentation integer NOT NULL,
  rejected_other integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX stat_flow_month_idx ON stat_flow_month (base_code, family, month, asl_id, district_id);
--> statement-breakpoint
-- days from sending to the decision (validation or rejection): a histogram per month of the decision, one
-- row per key, as two arrays (days ascending, the cases of each)
CREATE TABLE stat_lead_time (
  month date NOT NULL,
  asl_id varchar(6) NOT NULL,
  district_id varchar(16) NOT NULL,
  family varchar(16) NOT NULL,
  base_code varchar(20) NOT NULL,
  days integer[] NOT NULL,
  cases integer[] NOT NULL
);
--> statement-breakpoint
CREATE INDEX stat_lead_time_idx ON stat_lead_time (base_code, family, month, asl_id, district_id);
--> statement-breakpoint
-- open cases on the snapshot date by age band (0: 0–7 days, 1: 8–30, 2: 31–90, 3: more than 90)
CREATE TABLE stat_backlog (
  asl_id varchar(6) NOT NULL,
  district_id varchar(16) NOT NULL,
  family varchar(16) NOT NULL,
  base_code varchar(20) NOT NULL,
  age_band integer NOT NULL,
  cases integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX stat_backlog_idx ON stat_backlog (base_code, family, asl_id, district_id);
--> statement-breakpoint
-- exemptions in force on the snapshot date, by when they end (0: within 30 days, 1: 31–60, 2: 61–90,
-- 3: later or no end)
CREATE TABLE stat_in_force (
  asl_id varchar(6) NOT NULL,
  district_id varchar(16) NOT NULL,
  family varchar(16) NOT NULL,
  base_code varchar(20) NOT NULL,
  expiry_band integer NOT NULL,
  exemptions integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX stat_in_force_idx ON stat_in_force (base_code, family, asl_id, district_id);
--> statement-breakpoint
-- one row: when the tables were last rebuilt, the day their snapshot figures refer to, how long it took
CREATE TABLE stat_refresh (
  id integer PRIMARY KEY CHECK (id = 1),
  refreshed_at timestamptz NOT NULL,
  snapshot_date date NOT NULL,
  duration_ms integer NOT NULL
);
