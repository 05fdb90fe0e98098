/** `npm run apikey:create -- --name "Farmacia Rossi"`: creates a registry API key; it is shown only once. */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { createApiKey } from '../src/auth/api-keys.js';

const { values } = parseArgs({ options: { name: { type: 'string' } } });
if (!values.name?.trim()) {
  console.error('Uso: npm run apikey:create -- --name "Nome del sistema prescrittore"');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateDatabase(database);
  const { id, key } = await createApiKey(database.db, values.name.trim());
  console.log(
    `Chiave API n. ${id} per «${values.name.trim()}» (conservarla: non verrà mostrata di nuovo):\n${key}`,
  );
  console.log('Uso: Authorization: Bearer <chiave> su GET /api/registry/exemptions?fiscalCode=…');
} finally {
  await database.close();
}
