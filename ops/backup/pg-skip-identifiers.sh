#!/usr/bin/env bash
# After a point-in-time restore to a PAST moment (not to the end of the archive), before the app opens:
# moves every identifier the application hands out past the values the lost timeline may have used
# after the target. Without it the restored database would issue again, to different records:
#   - case numbers (case_counter), already given to citizens and sent to the regional registry;
#   - outbox event ids, which are the registry push's idempotency keys (esenzioni-<id>): the registry
#     would take a new coverage for a repeat of an old one and drop it;
#   - access-log ids, named by the anchors signed after the target (the old anchor file).
# Every sequence of the database goes forward by SEQ_MARGIN, every case counter of this year and the
# last by CASE_MARGIN (this year's missing counters start there): gaps, never a number given twice.
# Choose margins above what the lost period could have used (defaults: 10,000,000 ids, 100,000 case
# numbers per ASL); exact values can be read on the old server, if it still starts, or on a second
# restore of the whole archive into a scratch directory (docs/backup-restore.md §4, step 7).
#
#   ops/backup/pg-skip-identifiers.sh DATABASE_URL [SEQ_MARGIN] [CASE_MARGIN]
set -euo pipefail
url="${1:?usage: pg-skip-identifiers.sh DATABASE_URL [SEQ_MARGIN] [CASE_MARGIN]}"
seq_margin="${2:-10000000}"
case_margin="${3:-100000}"
[[ "$seq_margin" =~ ^[0-9]+$ && "$case_margin" =~ ^[0-9]+$ ]] || { echo 'margins are whole numbers' >&2; exit 2; }
psql "$url" -X -q -A -t -v ON_ERROR_STOP=1 -v seq_margin="$seq_margin" -v case_margin="$case_margin" <<'SQL'
begin;
select count(*) || ' sequences moved forward by ' || :seq_margin
  from (select setval(format('%I.%I', schemaname, sequencename)::regclass,
                      coalesce(last_value, start_value) + :seq_margin)
          from pg_sequences
         where schemaname not in ('pg_catalog', 'information_schema')) s;
insert into case_counter (asl_id, year, last_value)
select id, extract(year from now() at time zone 'Europe/Rome')::int, 0 from asl
on conflict do nothing;
with moved as (
  update case_counter set last_value = last_value + :case_margin
   where year >= extract(year from now() at time zone 'Europe/Rome')::int - 1
  returning 1)
select count(*) || ' case counters moved forward by ' || :case_margin from moved;
commit;
SQL
