#!/usr/bin/env bash
# Server integration tests: always on the embedded PGlite; also on PostgreSQL when DATABASE_URL is set (CI).
set -euo pipefail
files=(packages/server/test/*.test.ts)
echo "==> server tests on PGlite"
env -u DATABASE_URL node --import tsx --test --test-concurrency=2 "${files[@]}"
if [ -n "${DATABASE_URL:-}" ]; then
  echo "==> server tests on PostgreSQL"
  node --import tsx --test --test-concurrency=2 "${files[@]}"
fi
