/**
 * A small HTTP server on 127.0.0.1 for the fakes of outbound interfaces (fake-registry.ts,
 * fake-app-io.ts): answers through `handle`, and can go down (closed: connections refused) and come back
 * on the same port. Every socket is tracked so going down is immediate.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Handle = (
  req: http.IncomingMessage,
  body: string,
) => Promise<{ status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }>;

export interface FakeServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeServer(handle: Handle): Promise<FakeServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      void handle(req, body).then((a) => {
        const send = () => {
          if (res.destroyed) return;
          res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
          res.end(a.body === undefined ? '' : JSON.stringify(a.body));
        };
        if (!a.delayMs) return send();
        const t = setTimeout(() => {
          timers.delete(t);
          send();
        }, a.delayMs);
        timers.add(t);
      });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  let listening = true;
  const down = async () => {
    if (!listening) return;
    listening = false;
    for (const t of timers) clearTimeout(t);
    timers.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of sockets) s.destroy();
    await closed;
  };
  return {
    origin: `http://127.0.0.1:${port}`,
    down,
    up: async () => {
      if (listening) return;
      await listen(port);
      listening = true;
    },
    close: down,
  };
}
