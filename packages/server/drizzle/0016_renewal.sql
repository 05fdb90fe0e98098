-- 0016_renewal: a renewal is a new case linked to the one it renews (issue 11 §3). When it is
-- validated, the old exemption's registry row ends the day before the new one starts.
ALTER TABLE exemption_case ADD COLUMN renews_case_id bigint REFERENCES exemption_case(id);
--> statement-breakpoint
CREATE INDEX exemption_case_renews_idx ON exemption_case (renews_case_id) WHERE renews_case_id IS NOT NULL;
