#!/usr/bin/env bash
# `npm run test:cluster` (issue 16 §6): on this machine, all on 127.0.0.1, a PostgreSQL 15 primary and a
# streaming replica (initdb + pg_basebackup -R), PgBouncer 1.18 in transaction mode, two app processes
# (packages/server/src/main.ts: the first straight to the primary, the second through PgBouncer, both
# reading from the replica) and HAProxy 2.6 in front. The driver (packages/server/test/cluster/driver.ts)
# starts the apps, runs a bounded mixed workload through HAProxy while it kills one app (SIGKILL) and
# restarts it, stops and starts the replica, and stops the other app gracefully (SIGTERM), then checks
# that nothing was lost and that the audit chains verify. Everything started here is stopped, and every
# data directory removed, whatever happens (trap). docs/scaling-ops.md describes it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PRIMARY_PORT=${ESZ_CLUSTER_PRIMARY_PORT:-55432}
REPLICA_PORT=${ESZ_CLUSTER_REPLICA_PORT:-55433}
BOUNCER_PORT=${ESZ_CLUSTER_BOUNCER_PORT:-16432}
HAPROXY_PORT=${ESZ_CLUSTER_HAPROXY_PORT:-18080}
STATS_PORT=${ESZ_CLUSTER_STATS_PORT:-18081}
APP1_PORT=${ESZ_CLUSTER_APP1_PORT:-3201}
APP2_PORT=${ESZ_CLUSTER_APP2_PORT:-3202}
DB=esz_cluster

for bin in "$PGBIN/initdb" "$PGBIN/pg_ctl" "$PGBIN/pg_basebackup"; do
  [ -x "$bin" ] || { echo "test:cluster: $bin missing (apt-get install postgresql-15)"; exit 1; }
done
for bin in haproxy pgbouncer; do
  command -v "$bin" >/dev/null || [ -x "/usr/sbin/$bin" ] || {
    echo "test:cluster: $bin missing (apt-get install haproxy pgbouncer; .ci/run installs them)"
    exit 1
  }
done
HAPROXY=$(command -v haproxy || echo /usr/sbin/haproxy)
PGBOUNCER=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)

# initdb, postgres and pgbouncer refuse to run as root: as root they run as the postgres user
if [ "$(id -u)" = 0 ]; then as_pg() { runuser -u postgres -- "$@"; }; else as_pg() { "$@"; }; fi

BASE=$(mktemp -d /tmp/esz-cluster-XXXXXX)
chmod 755 "$BASE"
[ "$(id -u)" = 0 ] && chown postgres "$BASE"
export ESZ_CLUSTER_BASE=$BASE

cleanup() {
  local rc=$?
  set +e
  # the app processes the driver started (it stops them itself; this covers a driver that died)
  for f in "$BASE"/app*.pid; do [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null; done
  [ -f "$BASE/haproxy.pid" ] && kill "$(cat "$BASE/haproxy.pid")" 2>/dev/null
  [ -f "$BASE/pgbouncer.pid" ] && kill "$(cat "$BASE/pgbouncer.pid")" 2>/dev/null
  for d in replica primary; do
    [ -f "$BASE/$d/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" -D "$BASE/$d" -m immediate -w stop >/dev/null 2>&1
  done
  if [ $rc -ne 0 ]; then
    echo "==> test:cluster failed (exit $rc); last lines of the logs:"
    for l in "$BASE"/*.log; do
      [ -f "$l" ] && { echo "--- $(basename "$l")"; tail -n 15 "$l"; }
    done
  fi
  rm -rf "$BASE"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

t0=$(date +%s)
echo "==> primary on 127.0.0.1:$PRIMARY_PORT, replica on :$REPLICA_PORT (data under $BASE)"
as_pg "$PGBIN/initdb" -D "$BASE/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$BASE/initdb.log"
cat >>"$BASE/primary/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PRIMARY_PORT
unix_socket_directories = '$BASE'
max_connections = 200
shared_buffers = 128MB
wal_level = replica
max_wal_senders = 4
wal_keep_size = 256MB
hot_standby = on
hot_standby_feedback = on
log_min_messages = warning
EOF
as_pg "$PGBIN/pg_ctl" -D "$BASE/primary" -l "$BASE/primary.log" -w start >/dev/null
as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$BASE/replica" -R -X stream -c fast
echo "port = $REPLICA_PORT" >>"$BASE/replica/postgresql.conf"
as_pg "$PGBIN/pg_ctl" -D "$BASE/replica" -l "$BASE/replica.log" -w start >/dev/null
psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -qc "create database $DB"

echo "==> PgBouncer (transaction mode) on 127.0.0.1:$BOUNCER_PORT"
echo '"postgres" ""' >"$BASE/userlist.txt"
sed -e "s|@DB_NAME@|$DB|g" -e "s|@PRIMARY_HOST@|127.0.0.1|" -e "s|@PRIMARY_PORT@|$PRIMARY_PORT|" \
  -e "s|@LISTEN_ADDR@|127.0.0.1|" -e "s|@LISTEN_PORT@|$BOUNCER_PORT|" -e "s|@AUTH_TYPE@|trust|" \
  -e "s|@AUTH_FILE@|$BASE/userlist.txt|" -e "s|@ADMIN_USER@|postgres|" \
  -e "s|@LOG_FILE@|$BASE/pgbouncer.log|" -e "s|@PID_FILE@|$BASE/pgbouncer.pid|" \
  ops/pgbouncer/pgbouncer.ini >"$BASE/pgbouncer.ini"
[ "$(id -u)" = 0 ] && chown postgres "$BASE/pgbouncer.ini" "$BASE/userlist.txt"
as_pg "$PGBOUNCER" -d "$BASE/pgbouncer.ini"

echo "==> HAProxy on 127.0.0.1:$HAPROXY_PORT (statistics on :$STATS_PORT) in front of :$APP1_PORT and :$APP2_PORT"
export ESZ_HAPROXY_BIND=127.0.0.1:$HAPROXY_PORT ESZ_HAPROXY_STATS=127.0.0.1:$STATS_PORT
export ESZ_APP1=127.0.0.1:$APP1_PORT ESZ_APP2=127.0.0.1:$APP2_PORT ESZ_HAPROXY_SOCKET=$BASE/haproxy.sock
"$HAPROXY" -c -q -f ops/haproxy/haproxy.cfg
"$HAPROXY" -D -f ops/haproxy/haproxy.cfg -p "$BASE/haproxy.pid"
echo "==> set-up took $(($(date +%s) - t0)) s"

export ESZ_CLUSTER_PGBIN=$PGBIN ESZ_CLUSTER_DB=$DB
export ESZ_CLUSTER_PRIMARY_PORT=$PRIMARY_PORT ESZ_CLUSTER_REPLICA_PORT=$REPLICA_PORT
export ESZ_CLUSTER_BOUNCER_PORT=$BOUNCER_PORT ESZ_CLUSTER_HAPROXY_PORT=$HAPROXY_PORT ESZ_CLUSTER_STATS_PORT=$STATS_PORT
export ESZ_CLUSTER_APP1_PORT=$APP1_PORT ESZ_CLUSTER_APP2_PORT=$APP2_PORT
export ESZ_CLUSTER_AS_PG=$([ "$(id -u)" = 0 ] && echo 1 || echo 0)
# bounded: the driver gives itself 170 s; this is the last resort
timeout --signal=TERM --kill-after=10 240 node --import tsx "$ROOT/packages/server/test/cluster/driver.ts"
echo "==> test:cluster passed in $(($(date +%s) - t0)) s"
