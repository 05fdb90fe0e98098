/**
 * Configuration: the environment parsed once, with defaults that give the embedded database and
 * demo data, so a fresh clone runs with no settings at all.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_INCOME_CUTOFF, isValidCutoff, type IncomeValidityRule } from '@esenzioni/domain';
import type { AppIoSettings } from './interop/app-io-client.js';
import type { RegistrySettings } from './interop/registry-client.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** PostgreSQL server; when unset the embedded PGlite database in DATA_DIR is used. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(path.join(REPO_ROOT, '.data', 'pglite')),
  /** Seed demo people, cases and accounts on an empty database (never in production). */
  SEED_DEMO: bool.optional(),
  /** Commit audited reads' access-log rows synchronously (default; false: faster, but a database crash may lose the last rows). */
  AUDIT_READS_SYNCHRONOUS: bool.default(true),
  /** PostgreSQL URL of the owner of the tables, for migrations (the app's DATABASE_URL role may not own them). */
  DATABASE_MIGRATION_URL: z.string().url().optional(),
  /** HMAC key of the access-log hashes, hex or base64, at least 32 bytes (required in production). */
  AUDIT_HMAC_KEY: z.string().optional(),
  /** earlier HMAC keys, comma-separated: rows they hashed still verify after a rotation */
  AUDIT_HMAC_PREVIOUS_KEYS: z.string().optional(),
  /** Ed25519 private key signing the audit anchors: PKCS#8 PEM or its DER in base64 (required in production). */
  AUDIT_ANCHOR_KEY: z.string().optional(),
  /** earlier anchor public keys (SPKI DER in base64), comma-separated, to verify anchors signed before a rotation */
  AUDIT_ANCHOR_PUBLIC_KEYS: z.string().optional(),
  /** where the development key files are created (default: the parent of DATA_DIR, e.g. .data/) */
  AUDIT_KEY_DIR: z.string().optional(),
  /** the JSON-lines file the anchors are exported to (default: AUDIT_KEY_DIR/audit-anchors.jsonl) */
  AUDIT_ANCHOR_FILE: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  /** Set when served behind a TLS-terminating proxy: cookies become Secure. */
  /**
   * Behind a TLS proxy: the proxies' addresses or CIDRs (comma-separated; proxy-addr's names `loopback`,
   * `uniquelocal` also work); `true` means `loopback` (a proxy on the same host). Never "every hop": a
   * client's own X-Forwarded-For entries would choose req.ip, and so its rate limit and lock-out address.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx): TrustProxy => {
      const t = v.trim().toLowerCase();
      if (['false', '0', 'no', ''].includes(t)) return false;
      if (['true', '1', 'yes'].includes(t)) return ['loopback'];
      const list = t.split(',').map((a) => a.trim());
      if (list.every((a) => /^([0-9a-f.:]+(\/\d{1,3})?|loopback|linklocal|uniquelocal)$/.test(a)))
        return list;
      ctx.addIssue({
        code: 'custom',
        message: 'false, true (proxy sulla stessa macchina) o indirizzi/CIDR dei proxy separati da virgole',
      });
      return z.NEVER;
    }),
  COOKIE_SECURE: bool.optional(),
  WEB_DIST: z.string().default(path.join(REPO_ROOT, 'packages', 'web', 'dist')),
  /** Production bootstrap administrator. */
  ADMIN_USERNAME: z.string().optional(),
  ADMIN_PASSWORD: z.string().min(12).optional(),
  ADMIN_PIN: z.string().min(6).optional(),
  ADMIN_FISCAL_CODE: z.string().optional(),
  ADMIN_FIRST_NAME: z.string().default('AMMINISTRATORE'),
  ADMIN_LAST_NAME: z.string().default('SISTEMA'),
  /** smtp://user:pass@host:587 (query options as nodemailer reads them); unset: e-mails kept in mail_outbox */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Esenzioni <noreply@esenzioni.invalid>'),
  /** a pathology certificate older than this many months is refused */
  CERTIFICATE_MAX_AGE_MONTHS: z.coerce.number().int().min(1).max(120).default(6),
  UPLOAD_MAX_FILE_MB: z.coerce.number().int().min(1).max(100).default(10),
  UPLOAD_MAX_FILES: z.coerce.number().int().min(1).max(20).default(5),
  /** PDFs parsed at once, each in its own worker thread (default 2; 1 on a machine with 2 cores or fewer) */
  UPLOAD_INSPECT_WORKERS: z.coerce.number().int().min(1).max(16).optional(),
  /** time limit to parse one PDF: beyond it the worker is stopped and the file refused (422) */
  UPLOAD_INSPECT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  /** upload bytes the process holds in memory at once to store documents (files wait their turn) */
  UPLOAD_MEMORY_MB: z.coerce.number().int().min(1).max(4096).default(32),
  /** PostgreSQL: opening a connection, or waiting for a free one in the pool, fails after this (→ 503) */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(3_000),
  /** PostgreSQL cancels a statement running longer (statement_timeout; 0 = no limit) */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(5_000),
  /** a statement with no answer at all (frozen server, lost network) fails after this (0 = no limit) */
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(0).default(6_000),
  /** PostgreSQL ends a session left idle inside a transaction (0 = no limit) */
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /** issue 16: a streaming replica of DATABASE_URL: registry lookups, searches and dashboards read from it */
  DATABASE_REPLICA_URL: z.string().url().optional(),
  /** issue 16: beyond this replication lag (or with the replica down) those reads go to the primary */
  DATABASE_REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  /** issue 16: how often the replica's lag is measured (off the request path) */
  DATABASE_REPLICA_CHECK_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),
  /**
   * issue 16: DATABASE_URL goes through PgBouncer in transaction mode: no named prepared statements and no
   * session settings at connect (set statement_timeout and idle_in_transaction_session_timeout on the role)
   */
  DATABASE_PGBOUNCER: bool.default(false),
  /** issue 16: the primary without the pooler, for pg-boss and migrations (default: DATABASE_URL) */
  DATABASE_DIRECT_URL: z.string().url().optional(),
  /** issue 16: on SIGTERM, /readyz answers 503 this long (the load balancer stops sending) before closing */
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(120).default(5),
  /** start-up waits this long for the database, retrying, then exits non-zero */
  DATABASE_STARTUP_WAIT_SECONDS: z.coerce.number().int().min(0).default(60),
  /**
   * issue 16 §4: access-log month partitions older than this many months are dropped (after a signed
   * summary); the Garante's guidelines on the health dossier (4 June 2015) ask for 24 at least
   */
  AUDIT_RETENTION_MONTHS: z.coerce
    .number()
    .int()
    .min(24, {
      error:
        'il registro accessi si conserva almeno 24 mesi (Garante, Linee guida sul dossier sanitario, 4 giugno 2015): indicare 24 o più',
    })
    .max(1200)
    .default(24),
  /** processed outbox events are deleted after this many days */
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).default(7),
  /** a validated exemption is "In scadenza" in its last this many days; the reminder is sent then */
  EXPIRY_WARNING_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** a request whose headers and body have not arrived within this time is answered 408 and closed */
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  /** the OpenAPI document and its viewer at /api/docs (default: on, except in production) */
  API_DOCS: bool.optional(),
  /** bearer token that /metrics requires; in production /metrics answers 404 without it */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** issue 12 §1: income exemptions hold to this day (MM-DD) of the year after the declaration (the page: 31 March) */
  INCOME_VALIDITY_CUTOFF: z
    .string()
    .refine(isValidCutoff, 'giorno e mese MM-GG, per esempio 03-31')
    .default(DEFAULT_INCOME_CUTOFF),
  /** issue 12 §1: a Region's extension (YYYY-MM-DD) of E01, E03, E04 (never E02); unset: none */
  INCOME_EXTENDED_UNTIL: z.iso.date().optional(),
  /** issue 12 §3: the share (%) of a month's self-declarations drawn for the art. 71 checks (default 5) */
  DECLARATION_CHECK_PERCENT: z.coerce.number().min(0).max(100).default(5),
  /** issue 12 §2: the largest MEF list file the administrator may upload, in MB (default 200) */
  MEF_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(2048).default(200),
  /** issue 13 §4: the largest file of the registry of assistiti the administrator may upload, MB (default 1024) */
  PERSON_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(8192).default(1024),
  /** issue 13 §4: a regional registry service (docs/person-directory.md); unset: the built-in table */
  PERSON_DIRECTORY_URL: z
    .url({ protocol: /^https?$/, error: 'URL http(s) del servizio anagrafe' })
    .optional(),
  PERSON_DIRECTORY_TOKEN: z.string().min(1).optional(),
  PERSON_DIRECTORY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  /** issue 12 §6: the Region whose codes are loaded, data/regional-codes-<REGION>.csv (default piemonte) */
  REGION: z
    .string()
    .regex(
      /^[a-z][a-z-]{1,38}$/,
      'nome della Regione in minuscolo, come nel file data/regional-codes-<REGION>.csv',
    )
    .default('piemonte'),
  /** issue 14: the regional registry's FHIR base; unset: exemptions are not pushed anywhere */
  REGISTRY_PUSH_URL: z.string().url().optional(),
  /** issue 14: the registry's bearer token (or, without it, REGISTRY_PUSH_USERNAME/PASSWORD: HTTP Basic) */
  REGISTRY_PUSH_TOKEN: z.string().min(1).optional(),
  REGISTRY_PUSH_USERNAME: z.string().min(1).optional(),
  REGISTRY_PUSH_PASSWORD: z.string().optional(),
  /** issue 14: a change the registry refused this many times is a dead letter for the administrator */
  REGISTRY_PUSH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  REGISTRY_PUSH_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  /** issue 14: exemptions the nightly reconciliation checks besides the day's changes (a random sample) */
  REGISTRY_RECONCILE_SAMPLE: z.coerce.number().int().min(0).max(10_000).default(50),
  /** issue 14: App IO messages beside e-mail (needs APP_IO_API_KEY) */
  APP_IO_ENABLED: bool.default(false),
  APP_IO_BASE_URL: z.string().url().default('https://api.io.pagopa.it'),
  APP_IO_API_KEY: z.string().min(1).optional(),
  APP_IO_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  // ---- issue 13: identity (docs/identity.md)
  /** the address people open (scheme, host, port; no trailing slash): OpenID redirect URLs and the demo providers */
  PUBLIC_URL: z.string().url().optional(),
  /** username, password and PIN (the fallback of operators); false switches it off */
  PASSWORD_LOGIN: bool.default(true),
  /** the demo SPID, CIE and regional providers on this server (default: on with the demo data; never in production) */
  OIDC_DEMO_PROVIDER: bool.optional(),
  /** the OpenID providers' issuers (discovery at <issuer>/.well-known/openid-configuration) */
  OIDC_SPID_ISSUER: z.string().url().optional(),
  OIDC_CIE_ISSUER: z.string().url().optional(),
  OIDC_OPERATOR_ISSUER: z.string().url().optional(),
  /** this service's client id at the providers (SPID/CIE: its URL) */
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** the private JWK (JSON file) signing request objects and private_key_jwt assertions */
  OIDC_CLIENT_KEY_FILE: z.string().optional(),
  /** the lowest authentication level accepted from citizens (default SpidL2) */
  OIDC_MIN_ACR: z
    .enum(['https://www.spid.gov.it/SpidL2', 'https://www.spid.gov.it/SpidL3'])
    .default('https://www.spid.gov.it/SpidL2'),
  /** the claim of the regional provider carrying the fiscal code (TINIT-<CF> or the bare code) */
  OIDC_OPERATOR_FISCAL_CLAIM: z.string().min(1).default('https://attributes.eid.gov.it/fiscal_number'),
  /** HTTPS on this server: certificate and key (PEM files) */
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  /** CA (PEM file) of the operators' digital certificates: the HTTPS server asks for a client certificate */
  TLS_CLIENT_CA_FILE: z.string().optional(),
  /** behind a TLS proxy (TRUST_PROXY): the header carrying the client certificate (URL-encoded PEM) */
  CLIENT_CERT_HEADER: z
    .string()
    .regex(/^[a-z0-9-]+$/i, 'nome di intestazione HTTP, per esempio x-ssl-client-cert')
    .optional(),
});

export type Env = z.infer<typeof envSchema>;

/** issue 14: the outbound interfaces, each off unless configured. */
export interface InteropSettings {
  registry: RegistrySettings | null;
  reconcileSample: number;
  appIo: AppIoSettings | null;
}

/** Rules of case submission and uploads (issue 4). */
export interface PortalSettings {
  certificateMaxAgeMonths: number;
  uploadMaxFileBytes: number;
  uploadMaxFiles: number;
  /** process-wide, taken from the first app built (uploads/inspection-pool.ts, uploads/byte-budget.ts) */
  uploadInspection?: { workers?: number; timeoutMs?: number };
  uploadMemoryBytes?: number;
  /** issue 12 §1: cut-off (MM-DD) and optional regional extension of income exemptions */
  incomeValidity?: IncomeValidityRule;
}

export const DEFAULT_PORTAL_SETTINGS: PortalSettings = {
  certificateMaxAgeMonths: 6,
  uploadMaxFileBytes: 10 * 1024 * 1024,
  uploadMaxFiles: 5,
};

export interface MailSettings {
  smtpUrl: string | undefined;
  from: string;
}

/** Proxies trusted for the client address and protocol: none, or their addresses (proxy-addr syntax). */
export type TrustProxy = false | string[];

/** Who may read /metrics: everyone (outside production), holders of a bearer token, or nobody. */
export type MetricsAccess = { kind: 'open' } | { kind: 'token'; token: string } | { kind: 'closed' };

/** Where the audit's keys come from (audit/keys.ts): never from the database. */
export interface AuditKeySettings {
  production: boolean;
  hmacKey: string | undefined;
  hmacPreviousKeys: string | undefined;
  anchorKey: string | undefined;
  anchorPublicKeys: string | undefined;
  keyDir: string;
  anchorFile: string;
}

/** Who may log in, and how (issue 13, docs/identity.md). */
export interface IdentitySettings {
  /** the address people open, without trailing slash */
  publicUrl: string;
  passwordLogin: boolean;
  /** the demo providers mounted on this server under /demo-idp/ */
  demoProvider: boolean;
  /** issuers; with the demo providers, the unset ones are the demo's */
  issuers: { spid?: string | undefined; cie?: string | undefined; operatore?: string | undefined };
  clientId: string;
  /** private JWK file; unset with the demo providers: a key generated at start */
  clientKeyFile: string | undefined;
  minAcr: string;
  operatorFiscalClaim: string;
  /** plain-http issuers are accepted (never in production) */
  allowHttpIssuers: boolean;
  /** the digital-certificate login: CA file (read by the HTTPS server and to verify proxied certificates) and the proxy's header */
  certificate: { caFile: string | undefined; header: string | undefined };
}

export interface TlsSettings {
  certFile: string;
  keyFile: string;
  clientCaFile: string | undefined;
}

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  seedDemo: boolean;
  logLevel: Env['LOG_LEVEL'];
  auditReadsSynchronous: boolean;
  databaseMigrationUrl: string | undefined;
  audit: AuditKeySettings;
  sessionIdleMs: number;
  sessionMaxMs: number;
  trustProxy: TrustProxy;
  cookieSecure: boolean | 'auto';
  webDist: string;
  portal: PortalSettings;
  mail: MailSettings;
  /** limits on waiting for PostgreSQL (issue 9) */
  database: {
    connectMs: number;
    statementMs: number;
    queryMs: number;
    idleInTransactionMs: number;
    startupWaitMs: number;
  };
  /** issue 16: the read replica and its lag bound; null without DATABASE_REPLICA_URL */
  replica: { url: string; maxLagMs: number; checkMs: number } | null;
  /** issue 16: DATABASE_URL is a PgBouncer in transaction mode (no named prepared statements) */
  pgbouncer: boolean;
  /** issue 16: the primary reached directly (pg-boss, migrations): DATABASE_DIRECT_URL or DATABASE_URL */
  databaseDirectUrl: string | undefined;
  /** issue 16: how long /readyz fails before the server closes, on SIGTERM */
  shutdownDrainMs: number;
  outboxRetentionDays: number;
  /** issue 16 §4: months the access log keeps (AUDIT_RETENTION_MONTHS, 24 at least) */
  auditRetentionMonths: number;
  /** the last days of an exemption shown "In scadenza" (EXPIRY_WARNING_DAYS) */
  expiryWarningDays: number;
  /** issue 12 §3: % of a month's self-declarations checked (DECLARATION_CHECK_PERCENT) */
  declarationCheckPercent: number;
  /** issue 12 §2: largest MEF list upload, bytes (MEF_UPLOAD_MAX_MB) */
  mefUploadMaxBytes: number;
  /** issue 13 §4: largest upload of the registry of assistiti, bytes (PERSON_UPLOAD_MAX_MB) */
  personUploadMaxBytes: number;
  /** issue 13 §4: the remote registry of assistiti, when configured (else the built-in table) */
  personDirectory: { url: string; token?: string; timeoutMs: number } | null;
  requestTimeoutMs: number;
  exposeApiDocs: boolean;
  /** REGION: which data/regional-codes-<region>.csv the catalogue import loads */
  region: string;
  /** issue 14: the regional registry push and App IO (both off by default) */
  interop: InteropSettings;
  metricsAccess: MetricsAccess;
  identity: IdentitySettings;
  /** HTTPS on this server (TLS_CERT_FILE and TLS_KEY_FILE), else plain HTTP */
  tls: TlsSettings | undefined;
  bootstrapAdmin:
    | {
        username: string;
        password: string;
        pin: string;
        fiscalCode: string;
        firstName: string;
        lastName: string;
      }
    | undefined;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Configurazione non valida:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.DATABASE_PGBOUNCER && !e.DATABASE_DIRECT_URL)
    throw new Error(
      'Configurazione non valida:\n  DATABASE_DIRECT_URL: obbligatoria con DATABASE_PGBOUNCER (migrazioni e pg-boss si collegano al primario senza PgBouncer)',
    );
  if (e.DATABASE_REPLICA_URL && !e.DATABASE_URL)
    throw new Error(
      'Configurazione non valida:\n  DATABASE_REPLICA_URL: richiede DATABASE_URL (la replica è di un server PostgreSQL)',
    );
  const production = e.NODE_ENV === 'production';
  const seedDemo = production ? false : (e.SEED_DEMO ?? true);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    seedDemo,
    logLevel: e.LOG_LEVEL,
    auditReadsSynchronous: e.AUDIT_READS_SYNCHRONOUS,
    databaseMigrationUrl: e.DATABASE_MIGRATION_URL,
    audit: auditKeySettings(e),
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: e.SESSION_MAX_HOURS * 3_600_000,
    trustProxy: e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE ?? 'auto',
    webDist: e.WEB_DIST,
    portal: {
      certificateMaxAgeMonths: e.CERTIFICATE_MAX_AGE_MONTHS,
      uploadMaxFileBytes: e.UPLOAD_MAX_FILE_MB * 1024 * 1024,
      uploadMaxFiles: e.UPLOAD_MAX_FILES,
      uploadInspection: {
        timeoutMs: e.UPLOAD_INSPECT_TIMEOUT_SECONDS * 1000,
        ...(e.UPLOAD_INSPECT_WORKERS ? { workers: e.UPLOAD_INSPECT_WORKERS } : {}),
      },
      uploadMemoryBytes: e.UPLOAD_MEMORY_MB * 1024 * 1024,
      incomeValidity: { cutoff: e.INCOME_VALIDITY_CUTOFF, extendedUntil: e.INCOME_EXTENDED_UNTIL ?? null },
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    database: {
      connectMs: e.DATABASE_CONNECT_TIMEOUT_MS,
      statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
      queryMs: e.DATABASE_QUERY_TIMEOUT_MS,
      idleInTransactionMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      startupWaitMs: e.DATABASE_STARTUP_WAIT_SECONDS * 1000,
    },
    outboxRetentionDays: e.OUTBOX_RETENTION_DAYS,
    auditRetentionMonths: e.AUDIT_RETENTION_MONTHS,
    replica: e.DATABASE_REPLICA_URL
      ? {
          url: e.DATABASE_REPLICA_URL,
          maxLagMs: e.DATABASE_REPLICA_MAX_LAG_MS,
          checkMs: e.DATABASE_REPLICA_CHECK_MS,
        }
      : null,
    pgbouncer: e.DATABASE_PGBOUNCER,
    // only with a PostgreSQL DATABASE_URL (the embedded database has no server to reach directly)
    databaseDirectUrl: e.DATABASE_URL ? (e.DATABASE_DIRECT_URL ?? e.DATABASE_URL) : undefined,
    shutdownDrainMs: Math.round(e.SHUTDOWN_DRAIN_SECONDS * 1000),
    expiryWarningDays: e.EXPIRY_WARNING_DAYS,
    declarationCheckPercent: e.DECLARATION_CHECK_PERCENT,
    mefUploadMaxBytes: e.MEF_UPLOAD_MAX_MB * 1024 * 1024,
    personUploadMaxBytes: e.PERSON_UPLOAD_MAX_MB * 1024 * 1024,
    personDirectory: e.PERSON_DIRECTORY_URL
      ? {
          url: e.PERSON_DIRECTORY_URL,
          timeoutMs: e.PERSON_DIRECTORY_TIMEOUT_MS,
          ...(e.PERSON_DIRECTORY_TOKEN ? { token: e.PERSON_DIRECTORY_TOKEN } : {}),
        }
      : null,
    requestTimeoutMs: e.REQUEST_TIMEOUT_SECONDS * 1000,
    exposeApiDocs: e.API_DOCS ?? !production,
    region: e.REGION,
    interop: interopSettings(e),
    metricsAccess: e.METRICS_TOKEN
      ? { kind: 'token', token: e.METRICS_TOKEN }
      : production
        ? { kind: 'closed' }
        : { kind: 'open' },
    identity: identitySettings(e, production, seedDemo),
    tls:
      e.TLS_CERT_FILE && e.TLS_KEY_FILE
        ? { certFile: e.TLS_CERT_FILE, keyFile: e.TLS_KEY_FILE, clientCaFile: e.TLS_CLIENT_CA_FILE }
        : undefined,
    bootstrapAdmin:
      e.ADMIN_USERNAME && e.ADMIN_PASSWORD && e.ADMIN_PIN && e.ADMIN_FISCAL_CODE
        ? {
            username: e.ADMIN_USERNAME,
            password: e.ADMIN_PASSWORD,
            pin: e.ADMIN_PIN,
            fiscalCode: e.ADMIN_FISCAL_CODE,
            firstName: e.ADMIN_FIRST_NAME,
            lastName: e.ADMIN_LAST_NAME,
          }
        : undefined,
  };
}

function interopSettings(e: Env): InteropSettings {
  if (e.APP_IO_ENABLED && !e.APP_IO_API_KEY)
    throw new Error('Configurazione non valida:\n  APP_IO_API_KEY: obbligatoria con APP_IO_ENABLED');
  return {
    registry: e.REGISTRY_PUSH_URL
      ? {
          url: e.REGISTRY_PUSH_URL,
          token: e.REGISTRY_PUSH_TOKEN,
          username: e.REGISTRY_PUSH_USERNAME,
          password: e.REGISTRY_PUSH_PASSWORD,
          timeoutMs: e.REGISTRY_PUSH_TIMEOUT_SECONDS * 1000,
          maxAttempts: e.REGISTRY_PUSH_MAX_ATTEMPTS,
        }
      : null,
    reconcileSample: e.REGISTRY_RECONCILE_SAMPLE,
    appIo:
      e.APP_IO_ENABLED && e.APP_IO_API_KEY
        ? { baseUrl: e.APP_IO_BASE_URL, apiKey: e.APP_IO_API_KEY, timeoutMs: e.APP_IO_TIMEOUT_SECONDS * 1000 }
        : null,
  };
}

function identitySettings(e: Env, production: boolean, seedDemo: boolean): IdentitySettings {
  const scheme = e.TLS_CERT_FILE && e.TLS_KEY_FILE ? 'https' : 'http';
  const host = e.HOST === '0.0.0.0' || e.HOST === '::' ? 'localhost' : e.HOST;
  const publicUrl = (e.PUBLIC_URL ?? `${scheme}://${host}:${e.PORT}`).replace(/\/+$/, '');
  return {
    publicUrl,
    passwordLogin: e.PASSWORD_LOGIN,
    demoProvider: production ? false : (e.OIDC_DEMO_PROVIDER ?? seedDemo),
    issuers: { spid: e.OIDC_SPID_ISSUER, cie: e.OIDC_CIE_ISSUER, operatore: e.OIDC_OPERATOR_ISSUER },
    clientId: e.OIDC_CLIENT_ID ?? publicUrl,
    clientKeyFile: e.OIDC_CLIENT_KEY_FILE,
    minAcr: e.OIDC_MIN_ACR,
    operatorFiscalClaim: e.OIDC_OPERATOR_FISCAL_CLAIM,
    allowHttpIssuers: !production,
    certificate: { caFile: e.TLS_CLIENT_CA_FILE, header: e.CLIENT_CERT_HEADER?.toLowerCase() },
  };
}

function auditKeySettings(e: Env): AuditKeySettings {
  // an in-memory database has no directory: its development keys go to the checkout's .data/
  const keyDir =
    e.AUDIT_KEY_DIR ??
    (e.DATA_DIR.startsWith('memory://') ? path.join(REPO_ROOT, '.data') : path.dirname(e.DATA_DIR));
  return {
    production: e.NODE_ENV === 'production',
    hmacKey: e.AUDIT_HMAC_KEY,
    hmacPreviousKeys: e.AUDIT_HMAC_PREVIOUS_KEYS,
    anchorKey: e.AUDIT_ANCHOR_KEY,
    anchorPublicKeys: e.AUDIT_ANCHOR_PUBLIC_KEYS,
    keyDir,
    anchorFile: e.AUDIT_ANCHOR_FILE ?? path.join(keyDir, 'audit-anchors.jsonl'),
  };
}
