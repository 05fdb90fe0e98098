#!/usr/bin/env bash
# `npm run test:backup`: the restore drill of docs/backup-restore.md, on this machine, with the scripts
# of ops/backup/ an operator uses (issue 16 §5). Bounded (each wait has a limit; about two minutes).
#
# PostgreSQL server: a primary on 127.0.0.1:56432 archiving its WAL (ops/backup/postgresql-archive.conf,
# basic_archive), migrated and seeded; the real app (packages/server/src/main.ts) started on it; a base
# backup (pg-base-backup.sh) while it runs; cases validated through the API and an audit anchor; the row
# counts and the target time recorded with the app stopped; more cases validated and anchored AFTER the
# target; a WAL switch; the primary stopped; a point-in-time restore (pg-restore.sh) into a new data
# directory on 127.0.0.1:56433 up to the target. Checks on the restored copy: the counts of every table
# are those at the target, the later validations are absent, `npm run audit:verify` reports the cut of
# the log's tail against the full anchor file and passes with the anchors up to the target
# (anchors-until.ts).
# Embedded database (PGlite), alongside: seeded, used through the app, anchored, backed up with the app
# stopped (pglite-backup.ts: data directory tarball and pg_dump SQL), restored both ways
# (pglite-restore.ts checks the counts), `npm run audit:verify` on each restored copy.
# Every process started here is stopped and every directory removed on exit, failure included
# (KEEP_BACKUP_DRILL=1 keeps the directory for a post-mortem).
set -euo pipefail
cd "$(dirname "$0")/.."
t_start=$(date +%s%3N)
BIN="${PG_BINDIR:-/usr/lib/postgresql/15/bin}"
P1="${BACKUP_DRILL_PRIMARY_PORT:-56432}"
P2="${BACKUP_DRILL_RESTORE_PORT:-56433}"
APP1="${BACKUP_DRILL_APP_PORT:-3231}"
APP2="${BACKUP_DRILL_PGLITE_APP_PORT:-3232}"
REPO="$(pwd)"

for port in "$P1" "$P2" "$APP1" "$APP2"; do
  if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "test-backup: port $port is already in use" >&2
    exit 1
  fi
done
[ -x "$BIN/initdb" ] || { echo "test-backup: PostgreSQL 15 server binaries not found in $BIN" >&2; exit 1; }

W="$(mktemp -d /tmp/esz-backup-drill.XXXXXX)"
chmod 755 "$W"
: >"$W/pids"

# initdb refuses root: the server's processes run as postgres when this runs as root (CI)
if [ "$(id -u)" = 0 ]; then
  as_pg() { runuser -u postgres -- "$@"; }
  mkdir -p "$W/pg" && chown postgres: "$W/pg"
else
  as_pg() { "$@"; }
  mkdir -p "$W/pg"
fi
PGW="$W/pg" # the server's side: data directories, archive, backups (owned by postgres)

cleanup() {
  local rc=$?
  set +e
  # only what this script started: the app processes and the background job, by pid
  while read -r pid; do
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null
  done <"$W/pids"
  sleep 0.5
  while read -r pid; do
    [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
  done <"$W/pids"
  for d in "$PGW/primary" "$PGW/restored"; do
    [ -f "$d/postmaster.pid" ] && as_pg "$BIN/pg_ctl" -D "$d" -m immediate -w stop >/dev/null 2>&1
  done
  if [ "$rc" != 0 ]; then
    echo "test-backup: FAILED (exit $rc); logs:" >&2
    for f in "$W"/*.log "$PGW"/*.log; do
      [ -f "$f" ] && { echo "--- $f (end)" >&2; tail -n 15 "$f" >&2; }
    done
  fi
  if [ "${KEEP_BACKUP_DRILL:-}" = 1 ]; then echo "test-backup: kept $W" >&2; else rm -rf "$W"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# a bound on the whole drill, on top of the one of each step
LIMIT_S="${BACKUP_DRILL_LIMIT_SECONDS:-600}"
(
  trap 'kill "$nap" 2>/dev/null; exit 0' TERM
  sleep "$LIMIT_S" &
  nap=$!
  wait "$nap" && echo "test-backup: over $LIMIT_S s, stopped" >&2 && kill -TERM $$
) &
echo "$!" >>"$W/pids"

ms() { echo "$(($1 / 1000)).$(($1 % 1000 / 100))"; }
# a step's line, with the seconds since the drill started
say() { echo "[+$(ms $(($(date +%s%3N) - t_start))) s] $*"; }
fail() {
  echo "test-backup: $*" >&2
  exit 1
}

# the app as users meet it: `node packages/server/src/main.ts` (through tsx), on its own port
start_app() { # port log env...
  local port="$1" log="$2"
  shift 2
  env "$@" HOST=127.0.0.1 PORT="$port" LOG_LEVEL=warn SEED_DEMO=true \
    node --import tsx packages/server/src/main.ts >"$log" 2>&1 &
  local pid=$!
  echo "$pid" >>"$W/pids"
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && {
      APP_PID=$pid
      return 0
    }
    kill -0 "$pid" 2>/dev/null || fail "the app on port $port exited at start-up (see $log)"
    sleep 0.1
  done
  fail "the app on port $port not ready within 60 s"
}
stop_app() { # pid: SIGTERM (graceful: drains, closes the database), bounded
  kill -TERM "$1"
  for _ in $(seq 1 200); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$1" 2>/dev/null
  fail "the app (pid $1) did not stop within 20 s"
}
psql1() { psql "postgres://postgres@127.0.0.1:$1/${2:-esenzioni}" -X -q -A -t -v ON_ERROR_STOP=1 "${@:3}"; }
tsx() { timeout 180 node --import tsx "$@"; }

# ------------------------------------------------------------------ embedded database (in the background)
pglite_drill() {
  local D="$W/pglite" keys="$W/pglite/keys"
  mkdir -p "$D"
  local env=(-u DATABASE_URL DATA_DIR="$D/data" AUDIT_KEY_DIR="$keys")
  say "pglite $(env "${env[@]}" timeout 180 node --import tsx scripts/backup-drill-seed.ts)"
  start_app "$APP2" "$W/app-pglite.log" "${env[@]}"
  tsx scripts/backup-drill-api.ts "http://127.0.0.1:$APP2" 2 >"$D/validated.txt"
  stop_app "$APP_PID"
  say "pglite: $(wc -l <"$D/validated.txt") cases validated through the API, app stopped"
  # with the app stopped: a second process on a PGlite directory must never run beside the app
  env "${env[@]}" timeout 120 npm run -s audit:anchor >/dev/null
  say "$(env "${env[@]}" timeout 180 node --import tsx ops/backup/pglite-backup.ts "$D/backups")"
  local backup
  backup="$(ls -d "$D"/backups/pglite-*)"
  # the two restores side by side (each into its own directory)
  restore_pglite() {
    say "$(tsx ops/backup/pglite-restore.ts "$backup" "$D/restored-$1" --from "$1")"
    env -u DATABASE_URL DATA_DIR="$D/restored-$1" AUDIT_KEY_DIR="$keys" timeout 120 npm run -s audit:verify \
      >"$D/verify-$1.txt" 2>&1 || {
      cat "$D/verify-$1.txt"
      fail "audit:verify failed on the embedded copy restored from $1"
    }
    say "pglite ($1): $(head -n 1 "$D/verify-$1.txt")"
  }
  restore_pglite sql >"$D/restore-sql.log" 2>&1 &
  local sql_job=$!
  echo "$sql_job" >>"$W/pids"
  restore_pglite datadir
  wait "$sql_job" || {
    cat "$D/restore-sql.log"
    fail 'the restore from the SQL dump failed'
  }
  cat "$D/restore-sql.log"
  # the cases validated before the backup are validated in the restored copies
}
(pglite_drill >"$W/pglite-drill.log" 2>&1) &
PGLITE_JOB=$!
echo "$PGLITE_JOB" >>"$W/pids"

# ------------------------------------------------------------------ PostgreSQL: the primary, archiving
as_pg "$BIN/initdb" -D "$PGW/primary" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$W/initdb.log"
as_pg mkdir -p "$PGW/archive" "$PGW/run" "$PGW/backups"
{
  echo "listen_addresses = '127.0.0.1'"
  echo "port = $P1"
  echo "unix_socket_directories = '$PGW/run'"
  echo "max_connections = 60"
  # the operator's snippet, pointed at this drill's archive directory
  sed "s|/var/lib/postgresql/wal-archive|$PGW/archive|" ops/backup/postgresql-archive.conf
} | as_pg tee -a "$PGW/primary/postgresql.conf" >/dev/null
as_pg "$BIN/pg_ctl" -D "$PGW/primary" -l "$PGW/primary.log" -w start >/dev/null
psql1 "$P1" postgres -c 'create database esenzioni'
URL1="postgres://postgres@127.0.0.1:$P1/esenzioni"
URL2="postgres://postgres@127.0.0.1:$P2/esenzioni"
APP_ENV=(DATABASE_URL="$URL1" AUDIT_KEY_DIR="$W/keys")
say "primary on port $P1, archiving; $(env "${APP_ENV[@]}" timeout 180 node --import tsx scripts/backup-drill-seed.ts)"

# the app running; a base backup taken meanwhile, as in production
start_app "$APP1" "$W/app-1.log" "${APP_ENV[@]}"
as_pg ops/backup/pg-base-backup.sh "$PGW/backups" "$URL1" >"$W/base-backup.txt"
say "app started; $(cat "$W/base-backup.txt")"
BASE="$(ls -d "$PGW"/backups/base-*)"
BASE_BYTES=$(du -sb "$BASE" | cut -f1)

# writes after the base backup and before the target: replayed from the WAL archive
tsx scripts/backup-drill-api.ts "http://127.0.0.1:$APP1" 3 >"$W/validated-before.txt"
stop_app "$APP_PID"
env "${APP_ENV[@]}" timeout 120 npm run -s audit:anchor >/dev/null

# the target: nothing writes now (app stopped), so the counts are those of this instant
ops/backup/pg-row-counts.sh "$URL1" >"$W/counts-target.tsv"
TARGET="$(psql1 "$P1" esenzioni -c 'select clock_timestamp()')"
say "3 cases validated, anchored; target time $TARGET, counts of $(wc -l <"$W/counts-target.tsv") tables recorded"

# writes after the target: the restore must not bring them back
start_app "$APP1" "$W/app-2.log" "${APP_ENV[@]}"
tsx scripts/backup-drill-api.ts "http://127.0.0.1:$APP1" 3 >"$W/validated-after.txt"
stop_app "$APP_PID"
env "${APP_ENV[@]}" timeout 120 npm run -s audit:anchor >/dev/null
ops/backup/pg-row-counts.sh "$URL1" >"$W/counts-after.tsv"
if diff -q "$W/counts-target.tsv" "$W/counts-after.tsv" >/dev/null; then
  fail 'the writes after the target changed no count: the drill would prove nothing'
fi

# the ids the lost timeline reached: a restored copy must not hand them out again (pg-skip-identifiers.sh)
OLD_OUTBOX_ID="$(psql1 "$P1" esenzioni -c 'select coalesce(max(id), 0) from outbox')"

# the last WAL segment into the archive, then the primary is lost
SEG="$(psql1 "$P1" esenzioni -c 'select pg_walfile_name(pg_switch_wal())')"
for _ in $(seq 1 300); do
  [ "$(psql1 "$P1" esenzioni -c "select coalesce(last_archived_wal >= '$SEG', false) from pg_stat_archiver")" = t ] && break
  sleep 0.1
done
[ -f "$PGW/archive/$SEG" ] || fail "WAL segment $SEG not archived within 30 s"
as_pg "$BIN/pg_ctl" -D "$PGW/primary" -m fast -w stop >/dev/null
ARCHIVE_FILES=$(find "$PGW/archive" -type f | wc -l)
ARCHIVE_BYTES=$(du -sb "$PGW/archive" | cut -f1)
say "3 more cases validated and anchored after the target; $SEG archived; primary stopped"

# ------------------------------------------------------------------ PostgreSQL: point-in-time restore
t0=$(date +%s%3N)
as_pg env PGHOST=127.0.0.1 ops/backup/pg-restore.sh --base "$BASE" --archive "$PGW/archive" \
  --data-dir "$PGW/restored" --target-time "$TARGET" --port "$P2" --start >"$W/restore.txt"
say "$(tail -n 1 "$W/restore.txt")"
RESTORE_MS=$(($(date +%s%3N) - t0))

ops/backup/pg-row-counts.sh "$URL2" >"$W/counts-restored.tsv"
if ! diff "$W/counts-target.tsv" "$W/counts-restored.tsv" >"$W/counts.diff"; then
  cat "$W/counts.diff" >&2
  fail 'the restored copy does not have the row counts recorded at the target time'
fi
TABLES=$(grep -vc $'\tunlogged$' "$W/counts-target.tsv" || true)
ROWS=$(awk -F'\t' '$2 ~ /^[0-9]+$/ { n += $2 } END { print n + 0 }' "$W/counts-target.tsv")
CHANGED=$(diff "$W/counts-target.tsv" "$W/counts-after.tsv" | grep -c '^>' || true)

status_of() { # case numbers (file) → their statuses on the restored copy, one word each
  psql1 "$P2" esenzioni -c "select string_agg(status, ' ' order by case_number) from exemption_case
    where case_number = any(string_to_array('$(paste -sd, "$1")', ','))"
}
before="$(status_of "$W/validated-before.txt")"
after="$(status_of "$W/validated-after.txt")"
[ "$before" = 'VALIDATED VALIDATED VALIDATED' ] || fail "cases validated before the target, restored: $before"
case "$after" in *VALIDATED*) fail "cases validated after the target came back: $after" ;; esac

# the audit log: against the full anchor file the restored log lacks the rows signed after the target
# (that is what a restore to the target is); with the anchors up to the target it must verify
# (both runs side by side: they only read)
env DATABASE_URL="$URL2" AUDIT_KEY_DIR="$W/keys" timeout 120 npm run -s audit:verify >"$W/verify-full.txt" 2>&1 &
VERIFY_FULL=$!
echo "$VERIFY_FULL" >>"$W/pids"
say "$(tsx ops/backup/anchors-until.ts "$W/keys/audit-anchors.jsonl" "$TARGET" "$W/anchors-restored.jsonl")"
env DATABASE_URL="$URL2" AUDIT_KEY_DIR="$W/keys" AUDIT_ANCHOR_FILE="$W/anchors-restored.jsonl" \
  timeout 120 npm run -s audit:verify >"$W/verify.txt" 2>&1 || {
  cat "$W/verify.txt"
  fail 'audit:verify failed on the restored copy'
}
if wait "$VERIFY_FULL"; then
  cat "$W/verify-full.txt"
  fail 'audit:verify with the anchors signed after the target should report the missing tail'
fi
grep -q 'manca una riga firmata' "$W/verify-full.txt" || {
  cat "$W/verify-full.txt"
  fail 'audit:verify failed for another reason than the tail cut by the restore'
}
grep -q 'ancore firmate controllate' "$W/verify.txt" && ! grep -q ' 0 ancore' "$W/verify.txt" ||
  fail 'audit:verify checked no anchor on the restored copy'

# before the app opens on it: identifiers past those the lost timeline used after the target
CASES_AT_TARGET="$(psql1 "$P2" esenzioni -c 'select coalesce(sum(last_value), 0) from case_counter')"
ops/backup/pg-skip-identifiers.sh "$URL2" 1000000 10000 >"$W/skip.txt"
NEXT_OUTBOX_ID="$(psql1 "$P2" esenzioni -c "select nextval(pg_get_serial_sequence('outbox', 'id'))")"
[ "$NEXT_OUTBOX_ID" -gt "$OLD_OUTBOX_ID" ] ||
  fail "after pg-skip-identifiers.sh the next outbox id $NEXT_OUTBOX_ID is not past the lost timeline's $OLD_OUTBOX_ID"
COUNTERS="$(psql1 "$P2" esenzioni -c 'select count(*) from case_counter')"
[ "$(psql1 "$P2" esenzioni -c 'select coalesce(sum(last_value), 0) from case_counter')" -ge $((CASES_AT_TARGET + 10000)) ] ||
  fail 'pg-skip-identifiers.sh did not move the case counters'
say "identifiers moved past the lost timeline: next outbox id $NEXT_OUTBOX_ID (lost timeline: $OLD_OUTBOX_ID), $COUNTERS case counters +10000"
say "PostgreSQL restore checked: counts, cases, audit:verify, identifiers"
# ------------------------------------------------------------------ the embedded database's part
if ! wait "$PGLITE_JOB"; then
  cat "$W/pglite-drill.log" >&2
  fail 'the embedded database drill failed'
fi

echo
echo "== restore drill passed in $(ms $(($(date +%s%3N) - t_start))) s"
echo "PostgreSQL 15, point in time:"
echo "  base backup: $((BASE_BYTES / 1024 / 1024)) MB ($(grep -o 'in [0-9.]* s' "$W/base-backup.txt"), pg_verifybackup ok); WAL archive: $ARCHIVE_FILES files, $((ARCHIVE_BYTES / 1024 / 1024)) MB"
echo "  restore to $TARGET: $(ms "$RESTORE_MS") s (copy, replay, promotion); $(grep -o 'recovery stopping[^;]*' "$W/restore.txt" | head -n 1)"
echo "  row counts: $TABLES tables, $ROWS rows, equal to those at the target; $CHANGED tables changed after it, not restored"
echo "  cases validated through the API: 3 before the target (restored VALIDATED), 3 after (restored: $after)"
echo "  audit:verify, full anchor file: reports the tail cut by the restore (expected)"
echo "  audit:verify, anchors up to the target: $(head -n 1 "$W/verify.txt")"
echo "  pg-skip-identifiers.sh: next outbox id $NEXT_OUTBOX_ID > $OLD_OUTBOX_ID reached after the target; $(paste -sd ';' "$W/skip.txt")"
echo "Embedded database (PGlite):"
grep -E '^\[' "$W/pglite-drill.log" | sed 's/^/  /' || true
