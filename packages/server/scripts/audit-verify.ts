/** `npm run audit:verify`: checks the access-log hash chain and reports the first broken row. */
import { loadConfig } from '../src/config.js';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { verifyAccessLog } from '../src/audit/verify.js';

const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrateDatabase(database);
  const result = await verifyAccessLog(database.db);
  if (result.ok) {
    console.log(`Registro accessi integro: ${result.rows} righe verificate.`);
  } else {
    console.error(`Registro accessi ALTERATO: la catena si interrompe alla riga id=${result.brokenAtId} (${result.reason}).`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
