#!/usr/bin/env bash
# Server integration tests: always on the embedded PGlite; also on PostgreSQL when DATABASE_URL is set (CI).
set -euo pipefail
files=(packages/server/test/*.test.ts)
# glibc's default of 8 malloc arenas per core keeps freed upload buffers mapped; 2 arenas is the setting
# recommended for the server in production (README) and the one upload-rss.test.ts measures under
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
echo "==> server tests on PGlite"
env -u DATABASE_URL node --import tsx --test --test-concurrency=2 "${files[@]}"
if [ -n "${DATABASE_URL:-}" ]; then
  echo "==> server tests on PostgreSQL"
  node --import tsx --test --test-concurrency=2 "${files[@]}"
fi
