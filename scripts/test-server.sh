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
# Each file starts from a copy of a template database (migrated, catalogues and fixtures in it), built
# once by the first file that needs it (packages/server/test/helpers/db.ts); at the end, the templates of
# older sources are removed (PGlite tarballs in the temp dir, esz_template_* databases on PostgreSQL)
drop_stale_templates() {
  node --import tsx -e "import('./packages/server/test/helpers/db.ts').then(async (m) => {
    const removed = await m.dropTemplates();
    if (removed.length) console.log('==> stale test templates removed: ' + removed.join(', '));
  })" || true
}
trap drop_stale_templates EXIT
t0=$(date +%s)
echo "==> server tests on PGlite"
env -u DATABASE_URL node --import tsx --test --test-concurrency=2 "${files[@]}"
echo "==> server tests on PGlite took $(( $(date +%s) - t0 )) s"
if [ -n "${DATABASE_URL:-}" ]; then
  t0=$(date +%s)
  echo "==> server tests on PostgreSQL"
  node --import tsx --test --test-concurrency=2 "${files[@]}" "${pg_files[@]}"
  echo "==> server tests on PostgreSQL took $(( $(date +%s) - t0 )) s"
fi
