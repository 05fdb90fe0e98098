/** Like startWorld, with the portal's rules (certificate age, upload limits) chosen by the test. */
import { buildApp } from '../../src/app.js';
import { DEFAULT_PORTAL_SETTINGS, type PortalSettings } from '../../src/config.js';
import { login, type Client, type TestWorld } from './app.js';
import { openTestDatabase } from './db.js';
import { TEST_APP_CONFIG } from './app.js';

export async function startPortalWorld(portal: Partial<PortalSettings> = {}): Promise<TestWorld> {
  const database = await openTestDatabase({ fixtures: true });
  const app = await buildApp({
    db: database.db,
    logger: false,
    portal: { ...DEFAULT_PORTAL_SETTINGS, ...portal },
    config: TEST_APP_CONFIG,
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

/** Logs several users in at once: `const [a, b] = await loginAll(app, 'a', 'b')`. */
export function loginAll<const T extends readonly string[]>(
  app: TestWorld['app'],
  ...usernames: T
): Promise<{ [K in keyof T]: Client }> {
  return Promise.all(usernames.map((u) => login(app, u))) as Promise<{ [K in keyof T]: Client }>;
}
