DROP INDEX "exemption_case_asl_code_idx";--> statement-breakpoint
DROP INDEX "exemption_case_asl_lastname_idx";--> statement-breakpoint
ALTER TABLE "access_log" ADD COLUMN "chain" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "exemption_case" ADD COLUMN "exemption_base_code" varchar(20) GENERATED ALWAYS AS (split_part(exemption_code, '.', 1)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "access_log_chain_idx" ON "access_log" USING btree ("chain","id");--> statement-breakpoint
CREATE INDEX "exemption_case_asl_base_code_idx" ON "exemption_case" USING btree ("asl_id","exemption_base_code","submitted_at");--> statement-breakpoint
CREATE INDEX "exemption_case_asl_lastname_idx" ON "exemption_case" USING btree ("asl_id",beneficiary_last_name_key text_pattern_ops,"status","submitted_at");