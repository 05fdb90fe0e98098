#!/usr/bin/env bash
# Exact row count of every table of the database, one "schema.table<TAB>count" line each, sorted, all
# read in ONE repeatable-read snapshot (so the figures belong to one instant even while the app writes).
# Partitioned tables are listed with their total AND each partition on its own line, so a partition
# missing after a restore (or one the retention job dropped) shows up as a difference of the list.
# UNLOGGED tables (import staging rows) are never in a backup or a WAL archive: they are listed as
# "unlogged" instead of a count and must be empty-or-absent after a restore.
#
#   ops/backup/pg-row-counts.sh ['postgres://user@host:5432/esenzioni'] > counts.tsv
#   diff counts-at-target.tsv counts-restored.tsv && echo same
set -euo pipefail
url="${1-}" # empty: the PG* environment variables
psql ${url:+"$url"} -X -q -A -t -F $'\t' -v ON_ERROR_STOP=1 <<'SQL'
begin isolation level repeatable read read only;
select format('%I.%I', n.nspname, c.relname),
       case when c.relpersistence = 'u' then 'unlogged'
            else (xpath('/row/n/text()',
                        query_to_xml(format('select count(*) as n from %I.%I', n.nspname, c.relname),
                                     false, true, '')))[1]::text
       end
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
 where c.relkind in ('r', 'p')
   and n.nspname not in ('pg_catalog', 'information_schema')
   and n.nspname not like 'pg\_toast%' and n.nspname not like 'pg\_temp%'
 order by 1;
commit;
SQL
