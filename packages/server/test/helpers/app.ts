/** An app on a test database with fixtures (a copy of the template, db.ts), and a logged-in client helper for inject(). */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import type { PersonDirectory } from '../../src/services/directory/person-directory.js';
import type { Database } from '../../src/db/client.js';
import { openTestDatabase } from './db.js';
import { PASSWORD, PIN } from './fixtures.js';

/** The configuration of an app under test: sessions of 30 min / 12 h, plain HTTP, no web files, silent. */
export const TEST_APP_CONFIG = {
  sessionIdleMs: 30 * 60_000,
  sessionMaxMs: 12 * 3_600_000,
  cookieSecure: false,
  trustProxy: false,
  webDist: '/nonexistent',
  logLevel: 'silent',
} as const;

export interface TestWorld {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

export async function startWorld(
  overrides: {
    sessionIdleMs?: number;
    sessionMaxMs?: number;
    clock?: () => Date;
    /** issue 13 §4: a remote person directory (default: the built-in table) */
    personDirectory?: PersonDirectory;
  } = {},
): Promise<TestWorld> {
  const database = await openTestDatabase({ fixtures: true });
  const app = await buildApp({
    db: database.db,
    logger: false,
    config: {
      ...TEST_APP_CONFIG,
      ...(overrides.sessionIdleMs !== undefined ? { sessionIdleMs: overrides.sessionIdleMs } : {}),
      ...(overrides.sessionMaxMs !== undefined ? { sessionMaxMs: overrides.sessionMaxMs } : {}),
    },
    // sessions, logins and use cases read this clock: tests move it instead of waiting
    ...(overrides.clock ? { clock: overrides.clock } : {}),
    ...(overrides.personDirectory ? { personDirectory: overrides.personDirectory } : {}),
  });
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export interface Client {
  cookie: string;
  csrf: string;
  profiles: Array<{ id: string; role: string }>;
  req(opts: InjectOptions & { ifMatch?: string | number }): Promise<LightMyRequestResponse>;
}

/** Logged in with the user's profiles; to act with one of several profiles use loginWithProfile (profile-login.ts). */
export async function login(app: FastifyInstance, username: string): Promise<Client> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: PASSWORD, pin: PIN },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const body = res.json() as { csrfToken: string; profiles: Array<{ id: string; role: string }> };
  const setCookie = res.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? setCookie.find((c) => c.startsWith('esz_session=')) : setCookie;
  const cookie = raw!.split(';')[0]!;
  const client: Client = {
    cookie,
    csrf: body.csrfToken,
    profiles: body.profiles,
    req: (opts) => {
      const headers: Record<string, string> = {
        cookie,
        ...(opts.headers as Record<string, string> | undefined),
      };
      if (opts.method && opts.method !== 'GET' && !('x-csrf-token' in headers))
        headers['x-csrf-token'] = body.csrfToken;
      if (opts.ifMatch !== undefined) headers['if-match'] = `"${opts.ifMatch}"`;
      const { ifMatch: _omit, ...rest } = opts;
      return app.inject({ ...rest, headers });
    },
  };
  return client;
}
