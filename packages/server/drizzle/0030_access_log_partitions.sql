-- 0030 (issue 16 §4): the access log partitioned by month, and its retention (docs/audit-retention.md).
--
-- access_log becomes a table partitioned by RANGE (at), one partition per calendar month of Europe/Rome
-- (access_log_YYYY_MM) plus access_log_default, which takes a row whose month has no partition yet so an
-- insert never fails. The existing rows are copied into their months, ids and hashes unchanged (the
-- chains verify as before). Columns, defaults, CHECKs, the two indexes and the append-only protection are
-- those of the old table; the primary key becomes (id, at), as a partitioned table's key must hold its
-- partition column (ids still come from the one sequence, so they stay unique).
--
-- The application's role owns nothing and may not create or drop tables; two SECURITY DEFINER functions,
-- owned by the migrating user, do it for it, and only this:
-- - access_log_ensure_partitions(from, to): creates the missing months between the two instants (and the
--   months of rows waiting in the default partition, which it moves into them);
-- - access_log_drop_partition(name, retention_months, now): drops one month partition, only if its month
--   ended at least retention_months (24 at least) before now (the database's clock if that is earlier),
--   and only once its summary is recorded in access_log_retention with the partition's exact row count.
-- Dropping a whole month partition is the only way rows leave the log: UPDATE, DELETE and TRUNCATE stay
-- refused by the triggers (each partition has its own TRUNCATE trigger) and by the grants.
ALTER TABLE access_log RENAME TO access_log_unpartitioned;
--> statement-breakpoint
ALTER INDEX access_log_pkey RENAME TO access_log_unpartitioned_pkey;
--> statement-breakpoint
ALTER INDEX access_log_person_idx RENAME TO access_log_unpartitioned_person_idx;
--> statement-breakpoint
ALTER INDEX access_log_chain_idx RENAME TO access_log_unpartitioned_chain_idx;
--> statement-breakpoint
CREATE TABLE access_log (LIKE access_log_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
  PARTITION BY RANGE (at);
--> statement-breakpoint
ALTER SEQUENCE access_log_id_seq OWNED BY access_log.id;
--> statement-breakpoint
ALTER TABLE access_log ADD CONSTRAINT access_log_pkey PRIMARY KEY (id, at);
--> statement-breakpoint
CREATE INDEX access_log_person_idx ON access_log USING btree (person_fiscal_code, at);
--> statement-breakpoint
CREATE INDEX access_log_chain_idx ON access_log USING btree (chain, id);
--> statement-breakpoint
CREATE TRIGGER access_log_no_update BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
--> statement-breakpoint
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
--> statement-breakpoint
CREATE TABLE access_log_default PARTITION OF access_log DEFAULT;
--> statement-breakpoint
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log_default
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
--> statement-breakpoint
-- What retention dropped: per month partition, the signed summary (per chain: first and last id, hash and
-- time, the row count; audit/retention.ts) that audit:verify links the remaining rows to. Append-only.
CREATE TABLE access_log_retention (
  id bigserial PRIMARY KEY,
  at timestamp with time zone NOT NULL,
  month date NOT NULL UNIQUE,
  partition_name varchar(32) NOT NULL UNIQUE,
  row_count bigint NOT NULL,
  key_id varchar(32) NOT NULL,
  payload text NOT NULL,
  signature text NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER access_log_retention_no_update BEFORE UPDATE OR DELETE ON access_log_retention
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
--> statement-breakpoint
CREATE TRIGGER access_log_retention_no_truncate BEFORE TRUNCATE ON access_log_retention
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
--> statement-breakpoint
-- Creates the month partitions from p_from's month to p_to's month (Europe/Rome), and those of the rows
-- waiting in the default partition (except months already dropped by retention): such rows are copied,
-- unchanged, into their new partition and the old default table is dropped. Serialised by an advisory
-- lock; idempotent. Returns the number of partitions created.
CREATE FUNCTION access_log_ensure_partitions(p_from timestamptz, p_to timestamptz) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  months date[];
  m date;
  lo timestamptz;
  hi timestamptz;
  part text;
  created integer := 0;
  waiting boolean;
  lock_wait text := current_setting('lock_timeout');
BEGIN
  IF p_to < p_from OR p_to - p_from > interval '10 years' THEN
    RAISE EXCEPTION 'access_log_ensure_partitions: range % .. % refused', p_from, p_to;
  END IF;
  PERFORM pg_advisory_xact_lock(727003, 0);
  -- a partition waits behind inserts (and they behind it) at most this long: a retry comes next run
  PERFORM set_config('lock_timeout', '5s', true);
  -- the months, read before the loop: no query may hold the default partition open while it is replaced
  SELECT coalesce(array_agg(x ORDER BY x), '{}') INTO months FROM (
    SELECT g::date AS x FROM generate_series(date_trunc('month', p_from AT TIME ZONE 'Europe/Rome'),
                                        date_trunc('month', p_to AT TIME ZONE 'Europe/Rome'), interval '1 month') g
    UNION
    SELECT DISTINCT date_trunc('month', d.at AT TIME ZONE 'Europe/Rome')::date FROM access_log_default d
    EXCEPT
    SELECT r.month FROM access_log_retention r
  ) wanted;
  FOREACH m IN ARRAY months
  LOOP
    part := 'access_log_' || to_char(m, 'YYYY_MM');
    CONTINUE WHEN to_regclass(part) IS NOT NULL;
    lo := m::timestamp AT TIME ZONE 'Europe/Rome';
    hi := (m + interval '1 month')::timestamp AT TIME ZONE 'Europe/Rome';
    SELECT EXISTS (SELECT 1 FROM access_log_default WHERE at >= lo AND at < hi) INTO waiting;
    IF waiting THEN
      -- the default partition may not keep rows of a range given to a new partition: a new, empty default
      -- takes its place and every row of the old one is inserted again (same id, same hash), then it goes
      ALTER TABLE access_log DETACH PARTITION access_log_default;
      ALTER TABLE access_log_default RENAME TO access_log_default_moving;
      CREATE TABLE access_log_default PARTITION OF access_log DEFAULT;
      CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log_default
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
      REVOKE UPDATE, DELETE, TRUNCATE ON access_log_default FROM esenzioni_app;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF access_log FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
    EXECUTE format('CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()', part);
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I FROM esenzioni_app', part);
    IF waiting THEN
      INSERT INTO access_log SELECT * FROM access_log_default_moving;
      DROP TABLE access_log_default_moving;
    END IF;
    created := created + 1;
  END LOOP;
  PERFORM set_config('lock_timeout', lock_wait, true);
  RETURN created;
END $$;
--> statement-breakpoint
-- Drops one month partition, with every guard in the database itself: a month partition of access_log,
-- retention of at least 24 months, the month ended at least that long before now (never later than the
-- database's clock), and its summary recorded with exactly the partition's number of rows. Returns them.
CREATE FUNCTION access_log_drop_partition(p_partition text, p_retention_months integer, p_now timestamptz)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  m date;
  hi timestamptz;
  recorded bigint;
  n bigint;
  lock_wait text := current_setting('lock_timeout');
BEGIN
  IF p_retention_months IS NULL OR p_retention_months < 24 THEN
    RAISE EXCEPTION 'access_log: retention of % months refused (at least 24)', p_retention_months;
  END IF;
  IF p_partition !~ '^access_log_[0-9]{4}_[0-9]{2}$' OR NOT EXISTS (
    SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'access_log'::regclass AND c.relname = p_partition
  ) THEN
    RAISE EXCEPTION 'access_log: % is not a month partition of the access log', p_partition;
  END IF;
  m := to_date(substr(p_partition, 12), 'YYYY_MM');
  hi := (m + interval '1 month')::timestamp AT TIME ZONE 'Europe/Rome';
  IF hi > least(p_now, now()) - make_interval(months => p_retention_months) THEN
    RAISE EXCEPTION 'access_log: % is within the % months kept', p_partition, p_retention_months;
  END IF;
  PERFORM pg_advisory_xact_lock(727003, 0);
  PERFORM set_config('lock_timeout', '5s', true);
  SELECT r.row_count INTO recorded FROM access_log_retention r WHERE r.partition_name = p_partition;
  IF recorded IS NULL THEN
    RAISE EXCEPTION 'access_log: no retention summary recorded for %', p_partition;
  END IF;
  EXECUTE format('SELECT count(*) FROM %I', p_partition) INTO n;
  IF n <> recorded THEN
    RAISE EXCEPTION 'access_log: % holds % rows, its summary % rows', p_partition, n, recorded;
  END IF;
  EXECUTE format('DROP TABLE %I', p_partition);
  PERFORM set_config('lock_timeout', lock_wait, true);
  RETURN n;
END $$;
--> statement-breakpoint
-- the months of the existing rows and of the next two, then the rows, unchanged
SELECT access_log_ensure_partitions(
  coalesce((SELECT min(at) FROM access_log_unpartitioned), now()),
  greatest(coalesce((SELECT max(at) FROM access_log_unpartitioned), now()), now()) + interval '2 months'
);
--> statement-breakpoint
INSERT INTO access_log SELECT * FROM access_log_unpartitioned ORDER BY id;
--> statement-breakpoint
DROP TABLE access_log_unpartitioned;
--> statement-breakpoint
REVOKE ALL ON FUNCTION access_log_ensure_partitions(timestamptz, timestamptz) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION access_log_drop_partition(text, integer, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION access_log_ensure_partitions(timestamptz, timestamptz) TO esenzioni_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION access_log_drop_partition(text, integer, timestamptz) TO esenzioni_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON access_log, access_log_retention TO esenzioni_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON access_log, access_log_default, access_log_retention FROM esenzioni_app;
