/**
 * Composition root: config → database (migrated, catalogues, demo data) → app → listen.
 */
import { loadConfig } from './config.js';
import { setAuditReadsSynchronous } from './audit/access-log-writer.js';
import { migrateDatabase, openDatabase } from './db/client.js';
import { buildApp } from './app.js';
import { prepareDatabase } from './db/prepare.js';
import { startOutboxWorker } from './jobs/outbox-worker.js';
import { notificationHandlers } from './notify/handlers.js';
import { createSmtpMailer } from './notify/mailer.js';

const config = loadConfig();
setAuditReadsSynchronous(config.auditReadsSynchronous);
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
await migrateDatabase(database);
const prepared = await prepareDatabase(database.db, config);
const app = await buildApp({ db: database.db, config, portal: config.portal });
// without SMTP_URL the e-mails are kept in mail_outbox (GET /api/admin/mail-outbox)
const worker = startOutboxWorker(database.db, app.log, 1000, notificationHandlers(createSmtpMailer(config.mail)));

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  await worker.stop();
  await app.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ host: config.host, port: config.port });
const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
console.log(`\nEsenzioni — database: ${where}`);
if (prepared.catalogImported) console.log('Cataloghi importati (esenzioni, ICD-9-CM 2007, ASL).');
if (prepared.demoAccounts.length) {
  console.log('\nAccount dimostrativi (password Esenzioni-Demo-2026, PIN 246810):');
  for (const a of prepared.demoAccounts) console.log(`  ${a.username.padEnd(18)} ${a.description}`);
}
console.log(`\nServer listening on ${url}  (API: ${url}/api/docs)\n`);
