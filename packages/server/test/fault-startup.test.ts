/**
 * Start-up against a database that is not there (issue 9, fault case d): the real server (main.ts) is
 * spawned against a TCP server that accepts connections and never answers (a frozen database), and
 * against a closed port (a database that is down). It must retry with a clear message, then exit
 * non-zero within DATABASE_STARTUP_WAIT_SECONDS with ONE readable line and no stack trace.
 * No PostgreSQL needed: it runs on both configurations.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const WAIT_SECONDS = 2;

let blackHole: net.Server;
const held = new Set<net.Socket>();
let silentPort = 0;
let closedPort = 0;

const listen = async (server: net.Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

before(async () => {
  // accepts, reads, never writes a byte
  blackHole = net.createServer((s) => {
    held.add(s);
    s.on('error', () => undefined);
    s.on('close', () => held.delete(s));
  });
  silentPort = await listen(blackHole);
  const closing = net.createServer();
  closedPort = await listen(closing);
  await new Promise<void>((resolve) => closing.close(() => resolve()));
});
after(async () => {
  for (const s of held) s.destroy();
  await new Promise<void>((resolve) => blackHole.close(() => resolve()));
});

interface Run {
  code: number | null;
  stderr: string;
  /** from the first "waiting" line to the exit: the part the configuration bounds */
  waitedMs: number;
  totalMs: number;
}

async function startServer(databasePort: number): Promise<Run> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: `postgres://postgres@127.0.0.1:${databasePort}/esenzioni`,
      DATABASE_STARTUP_WAIT_SECONDS: String(WAIT_SECONDS),
      DATABASE_CONNECT_TIMEOUT_MS: '500',
      PORT: '0',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let firstWait = 0;
  child.stderr.on('data', (c: Buffer) => {
    if (!firstWait) firstWait = Date.now();
    stderr += c.toString('utf8');
  });
  // bounded: a start-up that hangs is killed and reported as such
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearTimeout(killer);
  const ended = Date.now();
  return { code, stderr, waitedMs: ended - (firstWait || ended), totalMs: ended - started };
}

function assertOneReadableLine(run: Run, reason: RegExp): void {
  const lines = run.stderr.trim().split('\n');
  const last = lines.at(-1)!;
  assert.equal(run.code, 1, `exit code (stderr: ${run.stderr})`);
  assert.match(
    last,
    new RegExp(`^Esenzioni: avvio non riuscito: database non raggiungibile dopo ${WAIT_SECONDS} s \\(`),
  );
  assert.match(last, reason);
  assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
  for (const line of lines.slice(0, -1))
    assert.match(
      line,
      /^Database non raggiungibile \(tentativo \d+: .+\); nuovo tentativo tra \d+ s, attesa massima 2 s\.$/,
    );
  // the wait is bounded by the setting (plus one connect timeout and scheduling slack)
  assert.ok(run.waitedMs < WAIT_SECONDS * 1000 + 2_500, `waited ${run.waitedMs} ms`);
}

test('(d) start-up against a database that accepts and never answers: exits 1 within the wait, one readable line', async () => {
  const run = await startServer(silentPort);
  console.log(
    `  (d) frozen database: exit ${run.code} after ${run.waitedMs} ms of waiting (${run.totalMs} ms with module loading); last line: ${run.stderr.trim().split('\n').at(-1)}`,
  );
  assertOneReadableLine(run, /timeout/i);
});

test('(d) start-up against a database that is down: exits 1 within the wait, one readable line', async () => {
  const run = await startServer(closedPort);
  console.log(
    `  (d) database down: exit ${run.code} after ${run.waitedMs} ms of waiting (${run.totalMs} ms with module loading)`,
  );
  assertOneReadableLine(run, /ECONNREFUSED/);
});
