/** Latency percentiles and throughput of a list of durations (ms). */
export interface LatencySummary {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? 0;
}

const r2 = (n: number) => Math.round(n * 100) / 100;

export function summarize(times: number[], elapsedMs: number, errors = 0): LatencySummary {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    requests: times.length,
    rps: r2(times.length / (elapsedMs / 1000)),
    p50: r2(percentile(sorted, 50)),
    p95: r2(percentile(sorted, 95)),
    p99: r2(percentile(sorted, 99)),
    errors,
  };
}
