DROP INDEX "exemption_case_asl_base_code_idx";--> statement-breakpoint
DROP INDEX "exemption_case_asl_lastname_idx";--> statement-breakpoint
CREATE INDEX "exemption_case_asl_base_code_idx" ON "exemption_case" USING btree ("asl_id","exemption_base_code","submitted_at","status");--> statement-breakpoint
CREATE INDEX "exemption_case_asl_lastname_idx" ON "exemption_case" USING btree ("asl_id",beneficiary_last_name_key text_pattern_ops,"status","submitted_at","id");