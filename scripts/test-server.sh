#!/usr/bin/env bash
# Server integration tests: always on the embedded PGlite; also on PostgreSQL when DATABASE_URL is set (CI).
set -euo pipefail
# *.pg.test.ts need a PostgreSQL server (faults, crash, throughput, RSS): they run in the PostgreSQL pass only
shopt -s extglob
files=(packages/server/test/!(*.pg).test.ts)
pg_files=(packages/server/test/*.pg.test.ts)
# glibc's default of 8 malloc arenas per core keeps freed upload buffers mapped; 2 arenas is the setting
# recommended for the server in production (README) and the one upload-rss.pg.test.ts measures under
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
echo "==> server tests on PGlite"
env -u DATABASE_URL node --import tsx --test --test-concurrency=2 "${files[@]}"
if [ -n "${DATABASE_URL:-}" ]; then
  echo "==> server tests on PostgreSQL"
  node --import tsx --test --test-concurrency=2 "${files[@]}" "${pg_files[@]}"
fi
