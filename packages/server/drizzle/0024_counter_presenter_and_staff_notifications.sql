-- 0024 (issue 17 §3, §6): who presented a request at the counter — the person, a delegate with a written
-- delegation (a document of its own kind, DELEGATION), a parent or a guardian — and the operators' own
-- notifications (audience STAFF), kept apart from a citizen's even when the fiscal code is the same.
CREATE TABLE "case_presenter" (
  "case_id" bigint PRIMARY KEY NOT NULL REFERENCES "exemption_case"("id"),
  "kind" varchar(16) NOT NULL,
  "fiscal_code" varchar(16),
  "name" varchar(120),
  CONSTRAINT case_presenter_kind_check CHECK (kind IN ('BENEFICIARY', 'DELEGATE', 'PARENT', 'GUARDIAN')),
  CONSTRAINT case_presenter_other_named CHECK (kind = 'BENEFICIARY' OR (fiscal_code IS NOT NULL AND name IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE document DROP CONSTRAINT document_kind_check;
--> statement-breakpoint
ALTER TABLE document ADD CONSTRAINT document_kind_check CHECK (kind IN ('CERTIFICATE', 'ATTACHMENT', 'DELEGATION'));
--> statement-breakpoint
ALTER TABLE notification ADD COLUMN "audience" varchar(8) DEFAULT 'CITIZEN' NOT NULL;
--> statement-breakpoint
ALTER TABLE notification ADD CONSTRAINT notification_audience_check CHECK (audience IN ('CITIZEN', 'STAFF'));
--> statement-breakpoint
DROP INDEX "notification_event_recipient_uq";
--> statement-breakpoint
CREATE UNIQUE INDEX "notification_event_recipient_uq" ON "notification" USING btree ("event_id","recipient_fiscal_code","audience");
--> statement-breakpoint
DROP INDEX "notification_recipient_idx";
--> statement-breakpoint
CREATE INDEX "notification_recipient_idx" ON "notification" USING btree ("recipient_fiscal_code","audience","id");
