/**
 * The server under test, in its own process (started by bench/lib/target.ts): the real app on
 * 127.0.0.1 on the database named by BENCH_DATABASE_URL or BENCH_PGLITE_DIR, answering raw-SQL
 * requests from the parent over IPC; or, with --bare, a bare Fastify route answering a constant JSON.
 */
import { openDatabase, type Database } from '../packages/server/src/db/client.js';
import { startBare, startInProcessTarget, type Target } from './lib/target.js';

const send = (m: unknown) => process.send?.(m);

if (process.argv.includes('--bare')) {
  const { url } = await startBare();
  send({ type: 'ready', url });
} else {
  let database: Database | undefined;
  let target: Target | undefined;
  try {
    const url = process.env.BENCH_DATABASE_URL;
    database = await openDatabase(url ? { url } : { dataDir: process.env.BENCH_PGLITE_DIR ?? 'memory://' });
    const level = process.env.BENCH_LOG_LEVEL;
    target = await startInProcessTarget({
      database,
      url,
      logLevel: level === 'info' || level === 'silent' ? level : 'warn',
      ...(process.env.BENCH_PORT ? { port: Number(process.env.BENCH_PORT) } : {}),
    });
    send({ type: 'ready', url: target.baseUrl });
  } catch (e) {
    send({ type: 'failed', error: (e as Error).stack ?? String(e) });
    process.exit(1);
  }
  process.on('message', async (m: { id: number; method: string; args: unknown[] }) => {
    const t = target as Target;
    try {
      if (m.method === 'close') {
        await t.close();
        await database?.close();
        process.exit(0);
      }
      const result =
        m.method === 'sql'
          ? await t.sql(m.args[0] as string, m.args[1] as unknown[])
          : m.method === 'refreshStatistics'
            ? await t.refreshStatistics()
            : await t.timeSql(...(m.args as Parameters<Target['timeSql']>));
      send({ id: m.id, result });
    } catch (e) {
      send({ id: m.id, error: (e as Error).message });
    }
  });
}
