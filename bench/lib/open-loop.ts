/**
 * Issue 16 §7: requests at a fixed offered rate (open loop), whatever the server's answers do.
 *
 * autocannon's `overallRate`/`connectionRate` are not an open loop: each connection sends back to back
 * until it has made its share of the second, then waits for the next one-second tick (lib/httpClient.js),
 * so the load comes in bursts and a slow answer delays the next request (coordinated omission). Here
 * request i is due at t0 + i / rate; it is sent at that moment on a free keep-alive socket (node:http,
 * up to `maxSockets`), and its latency is counted from when it was DUE, so a server that falls behind
 * shows it in the percentiles instead of slowing the generator down.
 */
import http from 'node:http';
import { summarize, type LatencySummary } from './stats.js';

export interface OpenLoopOptions {
  baseUrl: string;
  /** requests per second offered */
  rate: number;
  durationMs: number;
  path: () => string;
  headers?: Record<string, string>;
  /** sockets at most (requests beyond wait for one: their wait counts in their latency) */
  maxSockets?: number;
}

export interface OpenLoopResult extends LatencySummary {
  offered: number;
  non2xx: number;
  /** the generator's own lateness: p99 of (sent − due), ms; large means the client, not the server, lagged */
  sendLagP99: number;
}

export async function openLoop(o: OpenLoopOptions): Promise<OpenLoopResult> {
  const url = new URL(o.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.maxSockets ?? 256 });
  const times: number[] = [];
  const lags: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const total = Math.round((o.rate * o.durationMs) / 1000);
  const interval = 1000 / o.rate;
  const inFlight = new Set<Promise<void>>();
  const send = (due: number): Promise<void> =>
    new Promise<void>((resolve) => {
      lags.push(performance.now() - due);
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: o.path(),
          method: 'GET',
          agent,
          headers: o.headers,
        },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => {
            times.push(performance.now() - due);
            if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) non2xx++;
            resolve();
          });
          res.on('error', () => {
            errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const started = performance.now();
  let i = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      // every request due by now (a timer fires late under load: catch up, keeping each one's due time)
      while (i < total && started + i * interval <= now) {
        const p = send(started + i * interval);
        inFlight.add(p);
        void p.then(() => inFlight.delete(p));
        i++;
      }
      if (i >= total) return done();
      setTimeout(tick, Math.max(0, started + i * interval - performance.now()));
    };
    tick();
  });
  await Promise.all(inFlight);
  const elapsed = performance.now() - started;
  agent.destroy();
  const s = summarize(times, elapsed, errors);
  const sortedLags = lags.sort((a, b) => a - b);
  return {
    ...s,
    offered: o.rate,
    non2xx,
    sendLagP99: Math.round((sortedLags[Math.floor(sortedLags.length * 0.99)] ?? 0) * 10) / 10,
  };
}
