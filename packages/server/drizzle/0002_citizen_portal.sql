CREATE TABLE "case_certificate" (
	"case_id" bigint PRIMARY KEY NOT NULL,
	"issued_on" date NOT NULL,
	"verification_code" varchar(16),
	"issuer_fiscal_code" varchar(16),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delegation" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"delegator_fiscal_code" varchar(16) NOT NULL,
	"delegate_fiscal_code" varchar(16) NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_user_id" bigint,
	"created_by_fiscal_code" varchar(16) NOT NULL,
	"created_by_role" varchar(32) NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by_fiscal_code" varchar(16)
);
--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" bigint NOT NULL,
	"recipient_fiscal_code" varchar(16) NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"status" varchar(16) DEFAULT 'PENDING' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notification" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" bigint NOT NULL,
	"recipient_fiscal_code" varchar(16) NOT NULL,
	"kind" varchar(32) NOT NULL,
	"case_number" char(18),
	"text" text NOT NULL,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "case_certificate" ADD CONSTRAINT "case_certificate_case_id_exemption_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."exemption_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_certificate_verification_uq" ON "case_certificate" USING btree ("verification_code");--> statement-breakpoint
CREATE INDEX "delegation_delegate_idx" ON "delegation" USING btree ("delegate_fiscal_code","delegator_fiscal_code");--> statement-breakpoint
CREATE INDEX "delegation_delegator_idx" ON "delegation" USING btree ("delegator_fiscal_code");--> statement-breakpoint
CREATE UNIQUE INDEX "mail_outbox_event_recipient_uq" ON "mail_outbox" USING btree ("event_id","recipient_fiscal_code");--> statement-breakpoint
CREATE INDEX "mail_outbox_created_idx" ON "mail_outbox" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notification_event_recipient_uq" ON "notification" USING btree ("event_id","recipient_fiscal_code");--> statement-breakpoint
CREATE UNIQUE INDEX "notification_dedupe_uq" ON "notification" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "notification_recipient_idx" ON "notification" USING btree ("recipient_fiscal_code","id");