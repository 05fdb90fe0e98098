/**
 * Issue 16 §7: the search, registry and workflow phases again, through HAProxy in front of two app
 * processes on the same PostgreSQL, and the scaling factor over the single process just measured
 * (req/s through two processes ÷ req/s of one). On one 2-core machine the two processes, HAProxy,
 * PostgreSQL and the load generator share the same cores: the factor says how much of the per-process
 * cost was the Node thread (which a second process spreads) rather than the machine.
 */
import type { BenchCredentials } from './generate.js';
import { startHaproxy } from './haproxy.js';
import { runBenchmarks, type BenchResults, type Budget, type Phase } from './run.js';
import { startChildTarget, type Target } from './target.js';

export interface ScaleOutResults {
  processes: number;
  haproxy: string;
  search: BenchResults['search'];
  registry: BenchResults['registry'];
  workflow: BenchResults['workflow'];
  /** through HAProxy ÷ one process */
  scaling: {
    searchRps: Array<{ shape: string; factor: number }>;
    registryRps: number;
    registryOpenLoopP99: { one: number; two: number } | null;
    validationsPerSecond: number;
  };
  budgets: Budget[];
  peakRssMb: number[];
}

const r2 = (n: number) => Math.round(n * 100) / 100;
const factor = (two: number, one: number) => (one > 0 ? r2(two / one) : 0);

export async function runThroughHaproxy(
  single: Target,
  one: BenchResults,
  o: {
    url: string;
    credentials: BenchCredentials;
    duration: number;
    haproxyPort: number;
    appPorts: number[];
    logLevel: string;
    registryRate?: number;
    phases: Phase[];
    log?: (l: string) => void;
  },
): Promise<ScaleOutResults> {
  const log = o.log ?? ((l: string) => console.log(l));
  log(
    `\nthrough HAProxy (127.0.0.1:${o.haproxyPort}) → ${o.appPorts.length} app processes (${o.appPorts.join(', ')})`,
  );
  const apps = await Promise.all(
    o.appPorts.map((port) => startChildTarget({ url: o.url, logLevel: o.logLevel, port })),
  );
  const haproxy = await startHaproxy(
    o.haproxyPort,
    apps.map((a) => Number(new URL(a.baseUrl).port)),
  ).catch(async (e) => {
    await Promise.all(apps.map((a) => a.close()));
    throw e;
  });
  try {
    const through: Target = {
      ...single,
      baseUrl: haproxy.url,
      // both app processes' CPU; the backends of the database (both pools, and the single process's)
      cpu: async () => {
        const samples = await Promise.all(apps.map((a) => a.cpu()));
        return {
          serverMs: samples.reduce((n, x) => n + x.serverMs, 0),
          dbByPid: Object.assign({}, ...samples.map((x) => x.dbByPid)) as Record<string, number>,
        };
      },
    };
    const r = await runBenchmarks(through, {
      credentials: o.credentials,
      duration: o.duration,
      browser: false,
      only: o.phases,
      bare: one.registry.bare,
      ...(o.registryRate ? { registryRate: o.registryRate } : {}),
      sqlBySearchShape: new Map(one.search.map((s) => [s.shape, s.sql])),
      log: (l) => log(`  [2 processes]${l}`),
    });
    const peakRssMb = await Promise.all(apps.map((a) => a.peakRssMb()));
    const scaling = {
      searchRps: r.search.map((s) => ({
        shape: s.shape,
        factor: factor(s.api.rps, one.search.find((x) => x.shape === s.shape)?.api.rps ?? 0),
      })),
      registryRps: factor(r.registry.api.rps, one.registry.api.rps),
      registryOpenLoopP99:
        r.registry.openLoop && one.registry.openLoop
          ? { one: one.registry.openLoop.p99, two: r.registry.openLoop.p99 }
          : null,
      validationsPerSecond: factor(r.workflow.validationsPerSecond, one.workflow.validationsPerSecond),
    };
    // the budgets of these phases, as measured through HAProxy (RSS and web are the single run's)
    const budgets = r.budgets
      .filter((b) => !/web|interactive|RSS|dashboard|first-load|first load/i.test(b.name))
      .map((b) => ({ ...b, name: `2 processes: ${b.name}` }));
    log(`\nthrough HAProxy, ${apps.length} processes (${haproxy.version}): scaling factor over one process`);
    for (const s of scaling.searchRps) log(`  search ${s.shape.padEnd(26)} ×${s.factor} req/s`);
    if (r.registry.api.requests)
      log(
        `  registry saturation ${r.registry.api.rps} req/s vs ${one.registry.api.rps}: ×${scaling.registryRps}; ratio to bare ${r.registry.ratio}`,
      );
    if (scaling.registryOpenLoopP99)
      log(
        `  registry open loop p99 ${scaling.registryOpenLoopP99.two} ms (one process ${scaling.registryOpenLoopP99.one} ms)`,
      );
    if (r.workflow.validations)
      log(
        `  workflow ${r.workflow.validationsPerSecond} validations/s vs ${one.workflow.validationsPerSecond}: ×${scaling.validationsPerSecond}`,
      );
    log(`  app processes' peak RSS: ${peakRssMb.join(', ')} MB`);
    for (const b of budgets)
      log(`  ${b.met ? 'MET   ' : 'MISSED'} ${b.name.padEnd(48)} ${b.value}  (budget ${b.limit})`);
    return {
      processes: apps.length,
      haproxy: haproxy.version,
      search: r.search,
      registry: r.registry,
      workflow: r.workflow,
      scaling,
      budgets,
      peakRssMb,
    };
  } finally {
    await haproxy.close();
    await Promise.all(apps.map((a) => a.close()));
  }
}
