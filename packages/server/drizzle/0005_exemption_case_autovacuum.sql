-- Searches count and pick pages with index-only scans, which need the visibility map up to date. With
-- the default thresholds (20 % of the table) a region's 2 M cases would collect 400,000 changed rows
-- before autovacuum visits them, and every search would read the heap for them meanwhile
-- (bench/README.md). Vacuum and analyze after 1 % instead.
ALTER TABLE "exemption_case" SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.01);
