CREATE TABLE "access_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" bigint,
	"actor_fiscal_code" varchar(16),
	"actor_api_key_id" bigint,
	"actor_role" varchar(32) NOT NULL,
	"actor_asl_id" varchar(6),
	"actor_district_id" varchar(16),
	"action" varchar(32) NOT NULL,
	"person_fiscal_code" varchar(16) NOT NULL,
	"case_number" char(18),
	"correlation_id" text NOT NULL,
	"prev_hash" varchar(64) NOT NULL,
	"hash" varchar(64) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_key" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key_hash" varchar(64) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_key_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "app_user" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"pin_hash" text NOT NULL,
	"fiscal_code" varchar(16) NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "app_user_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "asl" (
	"id" varchar(6) PRIMARY KEY NOT NULL,
	"region_code" varchar(3) NOT NULL,
	"code" varchar(3) NOT NULL,
	"name" text NOT NULL,
	"seat_istat_code" varchar(6)
);
--> statement-breakpoint
CREATE TABLE "case_counter" (
	"asl_id" varchar(6) NOT NULL,
	"year" integer NOT NULL,
	"last_value" integer NOT NULL,
	CONSTRAINT "case_counter_asl_id_year_pk" PRIMARY KEY("asl_id","year")
);
--> statement-breakpoint
CREATE TABLE "case_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_fiscal_code" varchar(16) NOT NULL,
	"actor_role" varchar(32) NOT NULL,
	"action" varchar(32) NOT NULL,
	"status" varchar(16) NOT NULL,
	"beneficiary_note" text,
	"internal_note" text
);
--> statement-breakpoint
CREATE TABLE "diagnosis" (
	"code" varchar(10) PRIMARY KEY NOT NULL,
	"code_nodot" varchar(10) NOT NULL,
	"description" text NOT NULL,
	"leaf" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "district" (
	"id" varchar(16) PRIMARY KEY NOT NULL,
	"asl_id" varchar(6) NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL,
	"kind" varchar(16) NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exempt_service" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"exemption_code" varchar(20) NOT NULL,
	"service_code" varchar(20),
	"description" text NOT NULL,
	"example" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exemption_case" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_number" char(18) NOT NULL,
	"asl_id" varchar(6) NOT NULL,
	"district_id" varchar(16),
	"beneficiary_fiscal_code" varchar(16) NOT NULL,
	"beneficiary_first_name" text NOT NULL,
	"beneficiary_last_name" text NOT NULL,
	"beneficiary_first_name_key" text NOT NULL,
	"beneficiary_last_name_key" text NOT NULL,
	"submitter_type" varchar(16) NOT NULL,
	"submitter_fiscal_code" varchar(16) NOT NULL,
	"submitter_user_id" bigint,
	"exemption_code" varchar(20) NOT NULL,
	"diagnosis_code" varchar(10),
	"family" varchar(16) NOT NULL,
	"status" varchar(16) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"valid_from" date,
	"valid_until" date,
	"rejection_reason" varchar(32),
	"rejected_at" timestamp with time zone,
	"beneficiary_note" text,
	"internal_note" text,
	"last_actor_fiscal_code" varchar(16),
	"last_actor_role" varchar(32)
);
--> statement-breakpoint
CREATE TABLE "exemption_code" (
	"code" varchar(20) PRIMARY KEY NOT NULL,
	"base_code" varchar(20) NOT NULL,
	"icd9_code" varchar(10),
	"description" text NOT NULL,
	"family" varchar(16) NOT NULL,
	"type_code" varchar(8) NOT NULL,
	"type_label" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"assignable" boolean NOT NULL,
	"status" varchar(16) NOT NULL,
	"duration_amount" integer,
	"duration_unit" varchar(8),
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_attempt" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"success" boolean NOT NULL,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_type" varchar(64) NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "person" (
	"fiscal_code" varchar(16) PRIMARY KEY NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"birth_date" date,
	"birth_place_code" varchar(4),
	"sex" char(1),
	"residence_asl_id" varchar(6),
	"residence_district_id" varchar(16),
	"email" text
);
--> statement-breakpoint
CREATE TABLE "registry_exemption" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"fiscal_code" varchar(16) NOT NULL,
	"exemption_code" varchar(20) NOT NULL,
	"family" varchar(16) NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"case_id" bigint,
	"asl_id" varchar(6),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "session" (
	"id" varchar(64) PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"profile_id" bigint,
	"csrf_token" varchar(64) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_profile" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"role" varchar(32) NOT NULL,
	"asl_id" varchar(6),
	"district_id" varchar(16)
);
--> statement-breakpoint
ALTER TABLE "case_history" ADD CONSTRAINT "case_history_case_id_exemption_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."exemption_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "district" ADD CONSTRAINT "district_asl_id_asl_id_fk" FOREIGN KEY ("asl_id") REFERENCES "public"."asl"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document" ADD CONSTRAINT "document_case_id_exemption_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."exemption_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exemption_case" ADD CONSTRAINT "exemption_case_asl_id_asl_id_fk" FOREIGN KEY ("asl_id") REFERENCES "public"."asl"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exemption_case" ADD CONSTRAINT "exemption_case_district_id_district_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."district"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_residence_asl_id_asl_id_fk" FOREIGN KEY ("residence_asl_id") REFERENCES "public"."asl"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_residence_district_id_district_id_fk" FOREIGN KEY ("residence_district_id") REFERENCES "public"."district"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_profile_id_user_profile_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."user_profile"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_profile" ADD CONSTRAINT "user_profile_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_profile" ADD CONSTRAINT "user_profile_asl_id_asl_id_fk" FOREIGN KEY ("asl_id") REFERENCES "public"."asl"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_profile" ADD CONSTRAINT "user_profile_district_id_district_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."district"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_log_person_idx" ON "access_log" USING btree ("person_fiscal_code","at");--> statement-breakpoint
CREATE INDEX "case_history_case_idx" ON "case_history" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "district_asl_idx" ON "district" USING btree ("asl_id");--> statement-breakpoint
CREATE INDEX "document_case_idx" ON "document" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "exempt_service_code_idx" ON "exempt_service" USING btree ("exemption_code");--> statement-breakpoint
CREATE UNIQUE INDEX "exemption_case_number_uq" ON "exemption_case" USING btree ("case_number");--> statement-breakpoint
CREATE INDEX "exemption_case_beneficiary_idx" ON "exemption_case" USING btree ("beneficiary_fiscal_code");--> statement-breakpoint
CREATE INDEX "exemption_case_todo_idx" ON "exemption_case" USING btree ("asl_id","submitted_at") WHERE status in ('SUBMITTED', 'IN_PROGRESS');--> statement-breakpoint
CREATE INDEX "exemption_case_closed_idx" ON "exemption_case" USING btree ("asl_id","submitted_at") WHERE status in ('VALIDATED', 'REJECTED', 'CANCELLED');--> statement-breakpoint
CREATE INDEX "exemption_case_asl_status_idx" ON "exemption_case" USING btree ("asl_id","status","submitted_at");--> statement-breakpoint
CREATE INDEX "exemption_case_asl_code_idx" ON "exemption_case" USING btree ("asl_id","exemption_code","submitted_at");--> statement-breakpoint
CREATE INDEX "exemption_case_asl_lastname_idx" ON "exemption_case" USING btree ("asl_id",beneficiary_last_name_key text_pattern_ops);--> statement-breakpoint
CREATE INDEX "exemption_case_submitter_idx" ON "exemption_case" USING btree ("submitter_fiscal_code");--> statement-breakpoint
CREATE INDEX "exemption_code_base_idx" ON "exemption_code" USING btree ("base_code");--> statement-breakpoint
CREATE INDEX "exemption_code_family_idx" ON "exemption_code" USING btree ("family");--> statement-breakpoint
CREATE INDEX "login_attempt_username_at_idx" ON "login_attempt" USING btree ("username","at");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("next_attempt_at") WHERE processed_at is null;--> statement-breakpoint
CREATE INDEX "registry_exemption_fiscal_code_idx" ON "registry_exemption" USING btree ("fiscal_code","valid_from");--> statement-breakpoint
CREATE INDEX "session_user_idx" ON "session" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_profile_user_idx" ON "user_profile" USING btree ("user_id");