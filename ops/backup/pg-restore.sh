#!/usr/bin/env bash
# Point-in-time restore: a base backup (pg-base-backup.sh) replayed with the WAL archive up to a target
# time, into a NEW data directory (the damaged one is kept as evidence and for what it still holds).
#
#   ops/backup/pg-restore.sh --base DIR --archive DIR --data-dir NEW_DIR [--target-time 'TIMESTAMPTZ']
#                            [--restore-command 'CMD'] [--port N] [--start]
#     --base             the base backup directory (base-<time>/), taken BEFORE the target time
#     --archive          the WAL archive directory (archive_library basic_archive or archive_command copy)
#     --restore-command  instead of --archive: how PostgreSQL fetches a WAL file (%f name, %p where),
#                        e.g. from remote storage: 'rclone copyto remote:esz-wal/%f %p'
#     --target-time      stop replay after the last transaction committed at or before this instant
#                        (e.g. '2026-11-30 14:05:00+01'); omitted: replay everything the archive holds
#     --port             the port the restored server listens on (a restore is checked before it serves)
#     --start            start it (pg_ctl), wait for the end of recovery and print how long it took
#
# The restored server does NOT archive (archive_mode=off): it starts a new timeline and must not write
# into the archive of the server it was restored from. Turn archiving on, to a new location, and take a
# new base backup once it becomes the primary. Run as the owner of the server's files (postgres).
set -euo pipefail
bin="${PG_BINDIR:-/usr/lib/postgresql/15/bin}"
base='' archive='' restore_cmd='' data='' target='' port='' start=false
while [ $# -gt 0 ]; do
  case "$1" in
    --base) base="$2"; shift 2 ;;
    --archive) archive="$2"; shift 2 ;;
    --restore-command) restore_cmd="$2"; shift 2 ;;
    --data-dir) data="$2"; shift 2 ;;
    --target-time) target="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --start) start=true; shift ;;
    *) echo "pg-restore.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$base" ] && [ -n "$data" ] || { echo 'pg-restore.sh: --base and --data-dir are required' >&2; exit 2; }
[ -n "$archive" ] || [ -n "$restore_cmd" ] || { echo 'pg-restore.sh: --archive or --restore-command' >&2; exit 2; }
[ -f "$base/backup_label" ] || { echo "pg-restore.sh: $base is not a base backup (no backup_label)" >&2; exit 2; }
if [ -e "$data" ] && [ -n "$(ls -A "$data")" ]; then
  echo "pg-restore.sh: $data is not empty: restore into a new directory" >&2; exit 2
fi
[ -n "$restore_cmd" ] || restore_cmd="cp '$(cd "$archive" && pwd)/%f' '%p'"

t0=$(date +%s%3N)
mkdir -p "$data"
chmod 700 "$data"
cp -a "$base/." "$data/"
# the backup's own bookkeeping is not part of a data directory
rm -f "$data/backup-info.txt" "$data/row-counts.tsv"
# settings of the recovery, appended last so they win over postgresql.conf and the backed-up auto.conf
{
  echo "# pg-restore.sh $(date -u +%FT%TZ): point-in-time recovery"
  echo "restore_command = '${restore_cmd//\'/\'\'}'"
  if [ -n "$target" ]; then
    echo "recovery_target_time = '$target'"
    echo "recovery_target_inclusive = on"
  fi
  echo "recovery_target_action = 'promote'"
  echo "archive_mode = off"
  [ -z "$port" ] || echo "port = $port"
} >> "$data/postgresql.auto.conf"
touch "$data/recovery.signal"
echo "restore: $data prepared from $base${target:+ to $target}"
$start || exit 0

log="$data/restore.log"
"$bin/pg_ctl" -D "$data" -l "$log" -w -t 120 start >/dev/null
# pg_ctl -w returns once connections are accepted; recovery may still be replaying: wait for promotion
args=(-h "${PGHOST:-127.0.0.1}" -p "${port:-5432}" -U "${PGUSER:-postgres}" -d postgres -X -A -t)
for _ in $(seq 1 1200); do
  [ "$(psql "${args[@]}" -c 'select pg_is_in_recovery()' 2>/dev/null)" = f ] && break
  if ! "$bin/pg_ctl" -D "$data" status >/dev/null; then
    echo "pg-restore.sh: the server stopped during recovery; the end of $log:" >&2
    tail -n 20 "$log" >&2; exit 1
  fi
  sleep 0.1
done
[ "$(psql "${args[@]}" -c 'select pg_is_in_recovery()')" = f ] || { echo 'pg-restore.sh: still recovering after 120 s' >&2; exit 1; }
t1=$(date +%s%3N)
echo "restore: recovered and promoted in $(( (t1 - t0) / 1000 )).$(( (t1 - t0) % 1000 / 100 )) s; $(grep -E 'recovery stopping|last completed transaction' "$log" | tail -n 2 | sed 's/.*LOG: *//' | paste -sd ';' -)"
