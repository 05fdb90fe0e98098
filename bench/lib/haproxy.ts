/**
 * Issue 16 §7: the bench's two-process setup — HAProxy (the Debian package, `apt-get install haproxy`)
 * on 127.0.0.1:<port> in front of app processes on 127.0.0.1, health-checked on /readyz. A minimal
 * configuration generated for the bench (the deployment's own is documented with the cluster); HAProxy
 * runs in the foreground (-db) as a child of the bench and is stopped with it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function haproxyConfig(listenPort: number, backends: number[]): string {
  return [
    'global',
    '  maxconn 4096',
    // one thread: HAProxy shares the 2 cores with the app processes, PostgreSQL and the load generator
    '  nbthread 1',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  option http-keep-alive',
    'frontend bench',
    `  bind 127.0.0.1:${listenPort}`,
    '  default_backend app',
    'backend app',
    '  balance leastconn',
    '  http-reuse always',
    '  option httpchk GET /readyz',
    // an overloaded process answers /readyz late, not never: a check waits behind the queued requests
    '  timeout check 5s',
    '  http-check expect status 200',
    ...backends.map((p, i) => `  server app${i + 1} 127.0.0.1:${p} check inter 2s fall 3 rise 2`),
    '',
  ].join('\n');
}

export function haproxyAvailable(): string | null {
  for (const bin of ['haproxy', '/usr/sbin/haproxy']) {
    const r = spawnSync(bin, ['-v'], { encoding: 'utf8' });
    if (r.status === 0) return bin;
  }
  return null;
}

export interface Haproxy {
  url: string;
  version: string;
  close(): Promise<void>;
}

/** Starts HAProxy and waits until every backend answers /readyz through it (at most 30 s). */
export async function startHaproxy(listenPort: number, backends: number[]): Promise<Haproxy> {
  const bin = haproxyAvailable();
  if (!bin) throw new Error('haproxy not found: apt-get install haproxy (Debian)');
  const version = (spawnSync(bin, ['-v'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? '').trim();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esz-bench-haproxy-'));
  const cfg = path.join(dir, 'haproxy.cfg');
  fs.writeFileSync(cfg, haproxyConfig(listenPort, backends));
  const check = spawnSync(bin, ['-c', '-q', '-f', cfg], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`haproxy -c: ${check.stderr}`);
  const child: ChildProcess = spawn(bin, ['-db', '-f', cfg], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${listenPort}`;
  const deadline = Date.now() + 30_000;
  // each backend up: as many consecutive 200s as there are backends (round robin over healthy servers)
  let ok = 0;
  while (ok < backends.length * 2) {
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error('haproxy: backends not ready within 30 s');
    }
    try {
      const res = await fetch(`${url}/readyz`);
      ok = res.status === 200 ? ok + 1 : 0;
    } catch {
      ok = 0;
    }
    if (ok < backends.length * 2) await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    version,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGUSR1'); // soft stop: finish the connections in progress
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
