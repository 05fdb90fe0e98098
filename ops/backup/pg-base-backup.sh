#!/usr/bin/env bash
# Base backup of the PostgreSQL server (pg_basebackup), verified against its manifest (pg_verifybackup).
# Together with the WAL archive (docs/backup-restore.md §1) it restores to any moment after its end.
#
#   ops/backup/pg-base-backup.sh BACKUP_ROOT [CONNINFO]
#     BACKUP_ROOT  directory that receives base-<UTC time>/ (plain format: a data directory as it was)
#     CONNINFO     libpq connection of a role with REPLICATION (default: the PG* environment variables)
#
# Run it as the operating-system user that owns the server's files (postgres), so the copy keeps the
# owner and modes a restore needs. It prints the backup's directory, size and duration; a file
# backup-info.txt beside the data (label, WAL start, server time at the end) and row-counts.tsv (exact
# counts just after the backup: what a restore "to the end of this backup" should show if the database
# was quiet; with writes going on, the counts of the restore drill, taken at a known target, are the
# ones to compare) are written into the backup directory.
set -euo pipefail
root="${1:?usage: pg-base-backup.sh BACKUP_ROOT [CONNINFO]}"
conn="${2:-}"
bin="${PG_BINDIR:-/usr/lib/postgresql/15/bin}"
here="$(cd "$(dirname "$0")" && pwd)"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
dest="$root/base-$stamp"
mkdir -p "$root"
t0=$(date +%s%3N)
trap '[ -f "$dest/backup-info.txt" ] || rm -rf "$dest"' EXIT # no half backup left behind
# -X stream: the WAL written during the copy travels with it, so this backup alone is consistent even if
# the archive were lost; --checkpoint=fast: start now instead of waiting for the next checkpoint
"$bin/pg_basebackup" ${conn:+-d "$conn"} -D "$dest" -F plain -X stream --checkpoint=fast \
  --label "esenzioni-$stamp" --manifest-checksums=SHA256 --no-password
"$bin/pg_verifybackup" -q "$dest"
t1=$(date +%s%3N)
{
  echo "label: esenzioni-$stamp"
  grep -E '^(START WAL LOCATION|START TIME|START TIMELINE)' "$dest/backup_label" || true
  echo "server time at end: $(psql ${conn:+"$conn"} -X -A -t -c 'select clock_timestamp()')"
  echo "postgres version: $(cat "$dest/PG_VERSION")"
} > "$dest/backup-info.txt"
"$here/pg-row-counts.sh" "$conn" > "$dest/row-counts.tsv" 2>/dev/null || rm -f "$dest/row-counts.tsv"
bytes=$(du -sb "$dest" | cut -f1)
echo "base backup: $dest ($(( bytes / 1024 / 1024 )) MB) in $(( (t1 - t0) / 1000 )).$(( (t1 - t0) % 1000 / 100 )) s, verified with pg_verifybackup"
