/** Prometheus metrics at /metrics: process defaults plus request counts and durations per route. */
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type Metric } from 'prom-client';

/** What /metrics tells about the outbox: read from the database when scraped (jobs/outbox-stats.ts). */
export interface OutboxStats {
  backlog: number;
  oldestPendingAgeSeconds: number;
  dead: number;
}

let outboxStatsSource: (() => Promise<OutboxStats>) | null = null;
let cached: { at: number; stats: Promise<OutboxStats | null> } | null = null;

/** main.ts (or a test) says where the outbox figures come from; null: none reported. */
export function setOutboxStatsSource(source: (() => Promise<OutboxStats>) | null): void {
  outboxStatsSource = source;
  cached = null;
}

/** One query per scrape for the three gauges; a database that is away leaves them unreported. */
function outboxStats(): Promise<OutboxStats | null> {
  const now = Date.now();
  if (!cached || now - cached.at > 1_000)
    cached = {
      at: now,
      stats: outboxStatsSource ? outboxStatsSource().catch(() => null) : Promise.resolve(null),
    };
  return cached.stats;
}

const gaugeOf = (name: string, help: string, pick: (s: OutboxStats) => number) =>
  new Gauge({
    name,
    help,
    registers: [],
    async collect() {
      this.reset();
      const s = await outboxStats();
      if (s) this.set(pick(s));
    },
  });

/** Process-wide outbox and maintenance metrics, added to each app's registry. */
export const jobMetrics = {
  outboxDeliveries: new Counter({
    name: 'outbox_deliveries_total',
    help: "Consegne dell'outbox per tipo di evento ed esito (processed, retry, dead)",
    labelNames: ['event_type', 'outcome'],
    registers: [],
  }),
  outboxBacklog: gaugeOf(
    'outbox_backlog_events',
    "Eventi dell'outbox in attesa di consegna",
    (s) => s.backlog,
  ),
  outboxOldestAge: gaugeOf(
    'outbox_oldest_pending_age_seconds',
    "Età dell'evento in attesa più vecchio (secondi)",
    (s) => s.oldestPendingAgeSeconds,
  ),
  outboxDead: gaugeOf(
    'outbox_dead_events',
    'Eventi non recapitabili (dead letter) in attesa di un amministratore',
    (s) => s.dead,
  ),
  maintenanceRuns: new Counter({
    name: 'maintenance_task_runs_total',
    help: 'Esecuzioni dei compiti di manutenzione per esito (ok, error)',
    labelNames: ['task', 'outcome'],
    registers: [],
  }),
  maintenanceRows: new Counter({
    name: 'maintenance_task_rows_total',
    help: 'Righe rimosse o modificate dai compiti di manutenzione',
    labelNames: ['task'],
    registers: [],
  }),
};

/** issue 16 §2: the read replica (db/replica.ts): where the replica-eligible reads went, and its lag. */
export const replicaMetrics = {
  reads: new Counter({
    name: 'db_replica_reads_total',
    help: 'Letture ammesse sulla replica per destinazione (replica, primary_lag, primary_down, primary_retry)',
    labelNames: ['route'],
    registers: [],
  }),
  lag: new Gauge({
    name: 'db_replica_lag_seconds',
    help: 'Ritardo della replica misurato per ultimo (secondi; assente se la replica non risponde)',
    registers: [],
  }),
  usable: new Gauge({
    name: 'db_replica_usable',
    help: '1 se le letture vanno alla replica (ritardo entro DATABASE_REPLICA_MAX_LAG_MS), 0 altrimenti',
    registers: [],
  }),
};

export function registerMetrics(app: FastifyInstance): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  for (const metric of Object.values(jobMetrics) as Array<Metric<string>>) registry.registerMetric(metric);
  for (const metric of Object.values(replicaMetrics) as Array<Metric<string>>)
    registry.registerMetric(metric);
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Durata delle richieste HTTP',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'http_problem_responses_total',
    help: 'Risposte di errore per codice',
    labelNames: ['code'],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    duration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.decorate('countProblem', (code: string) => errors.inc({ code }));
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) =>
    reply.header('Content-Type', registry.contentType).send(await registry.metrics()),
  );
  return registry;
}

declare module 'fastify' {
  interface FastifyInstance {
    countProblem(code: string): void;
  }
}
