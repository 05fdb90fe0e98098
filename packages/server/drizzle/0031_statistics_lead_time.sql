-- 0031_statistics_lead_time: the lead times of the statistics (issue 15) read in constant time per district,
-- whatever the period. stat_lead_time_month holds one row per month of the decision and key with the month's
-- figures already computed (cases, median and 90th percentile as percentile_disc): the chart per month reads
-- them as they are. The breakdown per district sums a period: stat_lead_time_cumulative holds, per district,
-- code level and number of days, the running total of the cases decided in that many days up to each month
-- of a decision (months ascending, and the running totals at each); the cases of a period are the total at its
-- last month minus the total before its first (width_bucket finds both by binary search), so a district costs
-- one row per distinct number of days — 3.3 ms for every district over ten years at 2 million cases, where
-- summing the monthly histograms took a second. Two small functions serve the rebuild: stat_percentile (a
-- histogram's nearest-rank percentile) and stat_running_total.
-- Expand, then contract: stat_lead_time (0025, histograms as arrays) stays, untouched, for the processes of
-- the previous version still running during a rolling deploy (they read it and rebuild it); a later migration
-- drops it. Both new tables are rebuilt as a whole by the statistics job; the refresh row (PostgreSQL: the
-- start-up run) and the job's last run (PGlite: the hourly maintenance runner) are removed so that the next
-- start rebuilds them at once.
CREATE TABLE stat_lead_time_month (
  month date NOT NULL,
  asl_id varchar(6) NOT NULL,
  district_id varchar(16) NOT NULL,
  family varchar(16) NOT NULL,
  base_code varchar(20) NOT NULL,
  cases integer NOT NULL,
  median integer NOT NULL,
  p90 integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX stat_lead_time_month_idx ON stat_lead_time_month (base_code, family, month, asl_id, district_id);
--> statement-breakpoint
-- district rows only (asl_id and district_id never '*'); code levels as in the other tables
CREATE TABLE stat_lead_time_cumulative (
  asl_id varchar(6) NOT NULL,
  district_id varchar(16) NOT NULL,
  family varchar(16) NOT NULL,
  base_code varchar(20) NOT NULL,
  days integer NOT NULL,
  months date[] NOT NULL,
  cases integer[] NOT NULL
);
--> statement-breakpoint
CREATE INDEX stat_lead_time_cumulative_idx ON stat_lead_time_cumulative (base_code, family, asl_id, district_id);
--> statement-breakpoint
-- the nearest-rank percentile num/den of a histogram (days ascending, the cases of each): the first number of
-- days whose running total reaches num/den of all cases, compared in integers (the SQL percentile_disc)
CREATE FUNCTION stat_percentile(days integer[], cases integer[], num integer, den integer) RETURNS integer
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  total bigint := 0;
  run bigint := 0;
BEGIN
  FOR i IN 1 .. coalesce(array_length(cases, 1), 0) LOOP
    total := total + cases[i];
  END LOOP;
  FOR i IN 1 .. coalesce(array_length(cases, 1), 0) LOOP
    run := run + cases[i];
    IF run * den >= total * num THEN
      RETURN days[i];
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- the running totals of an array: element i is the sum of elements 1..i
CREATE FUNCTION stat_running_total(cases integer[]) RETURNS integer[]
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  run integer := 0;
  out integer[] := cases;
BEGIN
  FOR i IN 1 .. coalesce(array_length(cases, 1), 0) LOOP
    run := run + cases[i];
    out[i] := run;
  END LOOP;
  RETURN out;
END
$$;
--> statement-breakpoint
DELETE FROM stat_refresh;
--> statement-breakpoint
DELETE FROM job_run WHERE name = 'statistics-refresh';
