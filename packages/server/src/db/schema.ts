/**
 * The database schema (Drizzle). Migrations under packages/server/drizzle are generated from it
 * (`npm run db:generate`) and committed; triggers and other hand-written SQL live in custom migrations.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  bigint,
  boolean,
  char,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  varchar,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import {
  ACCESS_ACTIONS,
  CASE_COMMANDS,
  CASE_STATUSES,
  DECLARANT_TITLES,
  DECLARATION_CHECK_OUTCOMES,
  EXEMPTION_FAMILIES,
  MEF_IMPORT_STATUSES,
  MAIL_STATUSES,
  ASSISTANCE_STATUSES,
  NOTIFICATION_AUDIENCES,
  PERSON_IMPORT_STATUSES,
  NOTIFICATION_KINDS,
  PRESENTER_KINDS,
  REGISTRY_ENTRY_SOURCES,
  REJECTION_REASONS,
  REVOCATION_REASONS,
  ROLES,
  SUBMITTER_TYPES,
  type CodeDurationUnit,
} from '@esenzioni/domain';
import { INCOME_MEASURES, REGIONAL_CATEGORIES } from '@esenzioni/domain';
import { INVALIDITY_KINDS } from '@esenzioni/domain';

// ------------------------------------------------------------------ closed vocabularies
// Every column below that holds one of these is typed with it (`enum:`), and the database refuses any
// other value with a named CHECK constraint (migration 0011_enum_checks); test/enum-checks.test.ts keeps
// the constraints equal to these arrays, so a new value needs a migration.

/** The steps of the exemption's own life the daily expiry job writes (jobs/expiry.ts, migration 0015). */
export const EXPIRY_ACTIONS = ['expiring', 'expire'] as const;
/** What a case_history row records: the submission, the command that was run, or an expiry step. */
export const HISTORY_ACTIONS = ['submit', ...CASE_COMMANDS, ...EXPIRY_ACTIONS] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

/**
 * CERTIFICATE: the pathology certificate; ATTACHMENT: a document uploaded with the request;
 * DELEGATION: the signed written delegation of a delegate presenting a request at the counter (0024).
 */
export const DOCUMENT_KINDS = ['CERTIFICATE', 'ATTACHMENT', 'DELEGATION'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DURATION_UNITS = [
  'DAYS',
  'MONTHS',
  'YEARS',
  'UNLIMITED',
] as const satisfies readonly CodeDurationUnit[];
// every unit of the domain is listed (the line above checks the converse)
const everyDurationUnit: Record<CodeDurationUnit, true> = {
  DAYS: true,
  MONTHS: true,
  YEARS: true,
  UNLIMITED: true,
};
void everyDurationUnit;

/** SUCCESS, BAD_CREDENTIALS, or LOCKED (refused before verification). */
export const LOGIN_OUTCOMES = ['SUCCESS', 'BAD_CREDENTIALS', 'LOCKED'] as const;
export type LoginOutcome = (typeof LOGIN_OUTCOMES)[number];

/** OK: the data was returned; DENIED: the attempt was refused. */
export const ACCESS_OUTCOMES = ['OK', 'DENIED'] as const;
export type AccessOutcome = (typeof ACCESS_OUTCOMES)[number];

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const id = () => bigserial('id', { mode: 'number' }).primaryKey();

// ------------------------------------------------------------------ organisation

export const asl = pgTable('asl', {
  id: varchar('id', { length: 6 }).primaryKey(),
  regionCode: varchar('region_code', { length: 3 }).notNull(),
  code: varchar('code', { length: 3 }).notNull(),
  name: text('name').notNull(),
  seatIstatCode: varchar('seat_istat_code', { length: 6 }),
});

export const district = pgTable(
  'district',
  {
    id: varchar('id', { length: 16 }).primaryKey(),
    aslId: varchar('asl_id', { length: 6 })
      .notNull()
      .references(() => asl.id),
    name: text('name').notNull(),
  },
  (t) => [index('district_asl_idx').on(t.aslId)],
);

// ------------------------------------------------------------------ people and users

/** People known to the region (the registry of beneficiaries). */
export const person = pgTable('person', {
  fiscalCode: varchar('fiscal_code', { length: 16 }).primaryKey(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  birthDate: date('birth_date', { mode: 'string' }),
  birthPlaceCode: varchar('birth_place_code', { length: 4 }),
  sex: char('sex', { length: 1 }),
  residenceAslId: varchar('residence_asl_id', { length: 6 }).references(() => asl.id),
  residenceDistrictId: varchar('residence_district_id', { length: 16 }).references(() => district.id),
  email: text('email'),
  /** issue 13 §4 (migration 0029), from the registry of assistiti: residence comune (ISTAT), GP, status */
  residenceComune: varchar('residence_comune', { length: 6 }),
  gpFiscalCode: varchar('gp_fiscal_code', { length: 16 }),
  assistanceStatus: varchar('assistance_status', { length: 8, enum: ASSISTANCE_STATUSES })
    .notNull()
    .default('ASSISTED'),
  directoryUpdatedAt: ts('directory_updated_at'),
});

export const appUser = pgTable('app_user', {
  id: id(),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  pinHash: text('pin_hash').notNull(),
  fiscalCode: varchar('fiscal_code', { length: 16 }).notNull(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const userProfile = pgTable(
  'user_profile',
  {
    id: id(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => appUser.id),
    role: varchar('role', { length: 32, enum: ROLES }).notNull(),
    aslId: varchar('asl_id', { length: 6 }).references(() => asl.id),
    districtId: varchar('district_id', { length: 16 }).references(() => district.id),
  },
  (t) => [index('user_profile_user_idx').on(t.userId)],
);

/**
 * A login started at an OpenID provider (SPID, CIE, the regional provider) and not yet come back (issue 13):
 * what its callback checks. `id` is the sha256 of the browser's transaction cookie; the callback deletes the row.
 */
export const oidcTransaction = pgTable(
  'oidc_transaction',
  {
    id: varchar('id', { length: 64 }).primaryKey(),
    provider: varchar('provider', { length: 16 }).notNull(),
    state: text('state').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('oidc_transaction_expires_at_idx').on(t.expiresAt)],
);

/** Server-side sessions, shared by every server process. `id` is the sha256 of the cookie token. */
export const session = pgTable(
  'session',
  {
    id: varchar('id', { length: 64 }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => appUser.id),
    profileId: bigint('profile_id', { mode: 'number' }).references(() => userProfile.id),
    csrfToken: varchar('csrf_token', { length: 64 }).notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('session_user_idx').on(t.userId), index('session_expires_at_idx').on(t.expiresAt)],
);

export const loginAttempt = pgTable(
  'login_attempt',
  {
    id: id(),
    username: text('username').notNull(),
    at: ts('at').notNull().defaultNow(),
    success: boolean('success').notNull(),
    ip: text('ip'),
    /** null on rows before 0009 */
    outcome: varchar('outcome', { length: 16, enum: LOGIN_OUTCOMES }),
  },
  (t) => [
    index('login_attempt_username_at_idx').on(t.username, t.at),
    index('login_attempt_at_idx').on(t.at),
  ],
);

/** Login throttle (auth/login.ts): one row per key, a slot reserved atomically before verification. */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStart: ts('window_start').notNull(),
  lockedUntil: ts('locked_until'),
});

/** Browsers that logged in successfully as a user: sha256 of the esz_device cookie. */
export const knownDevice = pgTable(
  'known_device',
  {
    tokenHash: varchar('token_hash', { length: 64 }).notNull(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tokenHash, t.userId] }),
    index('known_device_last_used_idx').on(t.lastUsedAt),
  ],
);

export const apiKey = pgTable('api_key', {
  id: id(),
  name: text('name').notNull(),
  keyHash: varchar('key_hash', { length: 64 }).notNull().unique(),
  createdAt: ts('created_at').notNull().defaultNow(),
  revokedAt: ts('revoked_at'),
});

// ------------------------------------------------------------------ catalogues

export const exemptionCode = pgTable(
  'exemption_code',
  {
    code: varchar('code', { length: 20 }).primaryKey(),
    baseCode: varchar('base_code', { length: 20 }).notNull(),
    icd9Code: varchar('icd9_code', { length: 10 }),
    description: text('description').notNull(),
    family: varchar('family', { length: 16, enum: EXEMPTION_FAMILIES }).notNull(),
    typeCode: varchar('type_code', { length: 8 }).notNull(),
    typeLabel: text('type_label').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    /** null = open-ended (the catalogue's 9999-12-31) */
    validUntil: date('valid_until', { mode: 'string' }),
    assignable: boolean('assignable').notNull(),
    status: varchar('status', { length: 16 }).notNull(),
    source: text('source').notNull(),
  },
  (t) => [index('exemption_code_base_idx').on(t.baseCode), index('exemption_code_family_idx').on(t.family)],
);

/**
 * How long an exemption issued for a code lasts (migration 0012): minimum and maximum in `unit`, or
 * UNLIMITED; counted from the birth date when `fromBirth`; `source` cites where it comes from (the CSV
 * in data/ or the administrator); `setBy` is the administrator's fiscal code (null: the CSV import).
 */
export const exemptionDuration = pgTable('exemption_duration', {
  code: varchar('code', { length: 20 })
    .primaryKey()
    .references(() => exemptionCode.code),
  minAmount: integer('min_amount'),
  maxAmount: integer('max_amount'),
  unit: varchar('unit', { length: 10, enum: DURATION_UNITS }).notNull(),
  fromBirth: boolean('from_birth').notNull().default(false),
  source: text('source').notNull(),
  setAt: ts('set_at').notNull().defaultNow(),
  setBy: varchar('set_by', { length: 16 }),
});

/**
 * Other spellings of a catalogue code (migration 0018, issue 12 §7): 0B02 on prescriptions and in the
 * regional registry is 002B of the catalogue. Loaded from data/exemption-code-aliases.csv.
 */
export const exemptionCodeAlias = pgTable(
  'exemption_code_alias',
  {
    alias: varchar('alias', { length: 20 }).primaryKey(),
    code: varchar('code', { length: 20 })
      .notNull()
      .references(() => exemptionCode.code),
    source: text('source').notNull(),
  },
  (t) => [index('exemption_code_alias_code_idx').on(t.code)],
);

/** What each exemption family asks for (migration 0018, issue 12 §9), from data/family-documents.csv. */
export const familyDocument = pgTable(
  'family_document',
  {
    family: varchar('family', { length: 16, enum: EXEMPTION_FAMILIES }).notNull(),
    position: integer('position').notNull(),
    document: text('document').notNull(),
    required: boolean('required').notNull(),
    note: text('note'),
    source: text('source').notNull(),
  },
  (t) => [primaryKey({ columns: [t.family, t.position] })],
);

export const diagnosis = pgTable('diagnosis', {
  code: varchar('code', { length: 10 }).primaryKey(),
  codeNoDot: varchar('code_nodot', { length: 10 }).notNull(),
  description: text('description').notNull(),
  leaf: boolean('leaf').notNull(),
});

/** Exempt services per exemption code; filled by the admin. Rows from the manual are marked as examples. */
export const exemptService = pgTable(
  'exempt_service',
  {
    id: id(),
    exemptionCode: varchar('exemption_code', { length: 20 }).notNull(),
    serviceCode: varchar('service_code', { length: 20 }),
    description: text('description').notNull(),
    example: boolean('example').notNull().default(false),
    source: text('source').notNull(),
    position: integer('position').notNull().default(0),
    /** issue 12 §8 (0021): the administrator's file this row came from (null: the manual's examples) */
    uploadId: bigint('upload_id', { mode: 'number' }),
    note: text('note'),
    validFrom: date('valid_from', { mode: 'string' }),
    validUntil: date('valid_until', { mode: 'string' }),
  },
  (t) => [
    index('exempt_service_code_idx').on(t.exemptionCode),
    index('exempt_service_upload_idx').on(t.exemptionCode, t.uploadId),
  ],
);

// ------------------------------------------------------------------ cases

export const caseCounter = pgTable(
  'case_counter',
  {
    aslId: varchar('asl_id', { length: 6 }).notNull(),
    year: integer('year').notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.aslId, t.year] })],
);

export const exemptionCase = pgTable(
  'exemption_case',
  {
    id: id(),
    caseNumber: char('case_number', { length: 18 }).notNull(),
    aslId: varchar('asl_id', { length: 6 })
      .notNull()
      .references(() => asl.id),
    districtId: varchar('district_id', { length: 16 }).references(() => district.id),
    beneficiaryFiscalCode: varchar('beneficiary_fiscal_code', { length: 16 }).notNull(),
    /** names as they were when the case was sent (what the operator searched for) */
    beneficiaryFirstName: text('beneficiary_first_name').notNull(),
    beneficiaryLastName: text('beneficiary_last_name').notNull(),
    /** upper case, no accents, for prefix search */
    beneficiaryFirstNameKey: text('beneficiary_first_name_key').notNull(),
    beneficiaryLastNameKey: text('beneficiary_last_name_key').notNull(),
    submitterType: varchar('submitter_type', { length: 16, enum: SUBMITTER_TYPES }).notNull(),
    submitterFiscalCode: varchar('submitter_fiscal_code', { length: 16 }).notNull(),
    submitterUserId: bigint('submitter_user_id', { mode: 'number' }),
    exemptionCode: varchar('exemption_code', { length: 20 }).notNull(),
    /** the condition part of the code (048 for 048.191.1): the "Codice esenzione" filter matches on it */
    exemptionBaseCode: varchar('exemption_base_code', { length: 20 })
      .notNull()
      .generatedAlwaysAs(sql`split_part(exemption_code, '.', 1)`),
    diagnosisCode: varchar('diagnosis_code', { length: 10 }),
    family: varchar('family', { length: 16, enum: EXEMPTION_FAMILIES }).notNull(),
    status: varchar('status', { length: 16, enum: CASE_STATUSES }).notNull(),
    version: integer('version').notNull().default(1),
    submittedAt: ts('submitted_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    validFrom: date('valid_from', { mode: 'string' }),
    validUntil: date('valid_until', { mode: 'string' }),
    rejectionReason: varchar('rejection_reason', { length: 32, enum: REJECTION_REASONS }),
    rejectedAt: ts('rejected_at'),
    /** «Revoca» (0017): why and when; the exemption's last day is then valid_until */
    revocationReason: varchar('revocation_reason', { length: 32, enum: REVOCATION_REASONS }),
    revokedAt: ts('revoked_at'),
    beneficiaryNote: text('beneficiary_note'),
    internalNote: text('internal_note'),
    lastActorFiscalCode: varchar('last_actor_fiscal_code', { length: 16 }),
    lastActorRole: varchar('last_actor_role', { length: 32, enum: ROLES }),
    /** the case this one renews (issue 11 §3): its exemption ends the day before this one's starts */
    renewsCaseId: bigint('renews_case_id', { mode: 'number' }).references(
      (): AnyPgColumn => exemptionCase.id,
    ),
  },
  (t) => [
    uniqueIndex('exemption_case_number_uq').on(t.caseNumber),
    index('exemption_case_renews_idx')
      .on(t.renewsCaseId)
      .where(sql`renews_case_id is not null`),
    index('exemption_case_beneficiary_idx').on(t.beneficiaryFiscalCode),
    // the default "Pratiche da fare" of one ASL, oldest first
    index('exemption_case_todo_idx')
      .on(t.aslId, t.submittedAt)
      .where(sql`status in ('SUBMITTED', 'IN_PROGRESS')`),
    // the closed view by date; id and the surname key make it covering, so a common surname prefix is
    // found by walking the dates index-only (a rare one goes by the surname index: the planner chooses)
    index('exemption_case_closed_idx')
      .on(t.aslId, t.submittedAt, t.id, t.beneficiaryLastNameKey)
      .where(sql`status in ('VALIDATED', 'REJECTED', 'CANCELLED')`),
    index('exemption_case_asl_status_idx').on(t.aslId, t.status, t.submittedAt),
    // status (and id) in the code and surname indexes: the capped count and the page's ids are index-only scans
    index('exemption_case_asl_base_code_idx').on(t.aslId, t.exemptionBaseCode, t.submittedAt, t.status),
    index('exemption_case_asl_lastname_idx').on(
      t.aslId,
      sql`beneficiary_last_name_key text_pattern_ops`,
      t.status,
      t.submittedAt,
      t.id,
    ),
    index('exemption_case_submitter_idx').on(t.submitterFiscalCode),
  ],
);

export const caseHistory = pgTable(
  'case_history',
  {
    id: id(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => exemptionCase.id),
    at: ts('at').notNull(),
    actorFiscalCode: varchar('actor_fiscal_code', { length: 16 }).notNull(),
    actorRole: varchar('actor_role', { length: 32, enum: ROLES }).notNull(),
    action: varchar('action', { length: 32, enum: HISTORY_ACTIONS }).notNull(),
    status: varchar('status', { length: 16, enum: CASE_STATUSES }).notNull(),
    beneficiaryNote: text('beneficiary_note'),
    internalNote: text('internal_note'),
  },
  (t) => [index('case_history_case_idx').on(t.caseId, t.id)],
);

export const document = pgTable(
  'document',
  {
    id: id(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => exemptionCase.id),
    kind: varchar('kind', { length: 16, enum: DOCUMENT_KINDS }).notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('document_case_idx').on(t.caseId)],
);

/**
 * Who presented a request at the counter (issue 17 §3, migration 0024): the beneficiary, or a delegate
 * (with the written delegation among the documents, kind DELEGATION), a parent or a guardian, named.
 */
export const casePresenter = pgTable('case_presenter', {
  caseId: bigint('case_id', { mode: 'number' })
    .primaryKey()
    .references(() => exemptionCase.id),
  kind: varchar('kind', { length: 16, enum: PRESENTER_KINDS }).notNull(),
  fiscalCode: varchar('fiscal_code', { length: 16 }),
  name: varchar('name', { length: 120 }),
});

/** The regional registry (AURA): every exemption a person holds. */
export const registryExemption = pgTable(
  'registry_exemption',
  {
    id: id(),
    fiscalCode: varchar('fiscal_code', { length: 16 }).notNull(),
    exemptionCode: varchar('exemption_code', { length: 20 }).notNull(),
    family: varchar('family', { length: 16, enum: EXEMPTION_FAMILIES }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }),
    caseId: bigint('case_id', { mode: 'number' }),
    aslId: varchar('asl_id', { length: 6 }),
    createdAt: ts('created_at').notNull().defaultNow(),
    revokedAt: ts('revoked_at'),
    /** issue 12 (0020): CASE, or MEF_LIST for a row of the yearly MEF list (no case; list_year set) */
    source: varchar('source', { length: 16, enum: REGISTRY_ENTRY_SOURCES }).notNull().default('CASE'),
    listYear: integer('list_year'),
    /** the MEF import that ended this list row (the person was no longer on the list) */
    endedByImport: bigint('ended_by_import', { mode: 'number' }),
  },
  (t) => [
    index('registry_exemption_fiscal_code_idx').on(t.fiscalCode, t.validFrom),
    uniqueIndex('registry_exemption_mef_uq')
      .on(t.fiscalCode, t.exemptionCode, t.listYear)
      .where(sql`source = 'MEF_LIST'`),
  ],
);

/**
 * «Revoca con blocco» (0017): while a row is not lifted, new requests of the person for the code are
 * refused. Lifted by a district operator of the ASL that revoked (`asl_id`); the row stays as the record.
 */
export const exemptionBlock = pgTable(
  'exemption_block',
  {
    id: id(),
    fiscalCode: varchar('fiscal_code', { length: 16 }).notNull(),
    exemptionCode: varchar('exemption_code', { length: 20 }).notNull(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => exemptionCase.id),
    aslId: varchar('asl_id', { length: 6 }).notNull(),
    blockedAt: ts('blocked_at').notNull(),
    blockedBy: varchar('blocked_by', { length: 16 }).notNull(),
    liftedAt: ts('lifted_at'),
    liftedBy: varchar('lifted_by', { length: 16 }),
  },
  (t) => [
    uniqueIndex('exemption_block_active_uq')
      .on(t.fiscalCode, t.exemptionCode)
      .where(sql`lifted_at is null`),
  ],
);

/**
 * One attestato per person (0013): each one printed, with its progressive number, the random code the
 * public check takes, the registry rows it lists and the sha256 of that list.
 */
export const personAttestato = pgTable(
  'person_attestato',
  {
    number: bigserial('number', { mode: 'number' }).primaryKey(),
    fiscalCode: varchar('fiscal_code', { length: 16 }).notNull(),
    issuedAt: ts('issued_at').notNull(),
    validOn: date('valid_on', { mode: 'string' }).notNull(),
    verificationCode: varchar('verification_code', { length: 32 }).notNull(),
    registryIds: jsonb('registry_ids').$type<number[]>().notNull(),
    exemptionsHash: char('exemptions_hash', { length: 64 }).notNull(),
  },
  (t) => [
    uniqueIndex('person_attestato_verification_code_uq').on(t.verificationCode),
    index('person_attestato_fiscal_code_idx').on(t.fiscalCode, t.issuedAt),
  ],
);

/**
 * Append-only, hash-chained log of every read of a person's data (Garante 2015). Partitioned by month
 * of `at` (migration 0030, docs/audit-retention.md): the key is (id, at), ids stay unique (one sequence).
 */
export const accessLog = pgTable(
  'access_log',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    at: ts('at').notNull(),
    actorUserId: bigint('actor_user_id', { mode: 'number' }),
    actorFiscalCode: varchar('actor_fiscal_code', { length: 16 }),
    actorApiKeyId: bigint('actor_api_key_id', { mode: 'number' }),
    actorRole: varchar('actor_role', { length: 32, enum: ROLES }).notNull(),
    actorAslId: varchar('actor_asl_id', { length: 6 }),
    actorDistrictId: varchar('actor_district_id', { length: 16 }),
    action: varchar('action', { length: 32, enum: ACCESS_ACTIONS }).notNull(),
    personFiscalCode: varchar('person_fiscal_code', { length: 16 }).notNull(),
    caseNumber: char('case_number', { length: 18 }),
    correlationId: text('correlation_id').notNull(),
    /** which of the parallel hash chains the row belongs to (writers of different chains do not wait on each other) */
    chain: smallint('chain').notNull().default(0),
    prevHash: varchar('prev_hash', { length: 64 }).notNull(),
    hash: varchar('hash', { length: 64 }).notNull(),
    /** hashed with the row */
    outcome: varchar('outcome', { length: 8, enum: ACCESS_OUTCOMES }).notNull().default('OK'),
    /** the HMAC key that hashed the row; null: a row from before keyed hashes (plain sha256) */
    keyId: varchar('key_id', { length: 32 }),
  },
  (t) => [
    primaryKey({ name: 'access_log_pkey', columns: [t.id, t.at] }),
    index('access_log_person_idx').on(t.personFiscalCode, t.at),
    index('access_log_chain_idx').on(t.chain, t.id),
  ],
);

/**
 * What retention dropped (audit/retention.ts): one row per month partition, its signed summary (per chain
 * the first and last id, hash and time, and the row count) to which audit:verify links the remaining rows.
 * Append-only (migration 0030).
 */
export const accessLogRetention = pgTable('access_log_retention', {
  id: id(),
  at: ts('at').notNull(),
  month: date('month', { mode: 'string' }).notNull().unique(),
  partitionName: varchar('partition_name', { length: 32 }).notNull().unique(),
  rowCount: bigint('row_count', { mode: 'number' }).notNull(),
  keyId: varchar('key_id', { length: 32 }).notNull(),
  /** the signed JSON text, stored as text so that it verifies byte for byte */
  payload: text('payload').notNull(),
  signature: text('signature').notNull(),
});

/** Signed checkpoints of the access-log chains (audit/anchor.ts), append-only; also exported outside the database. */
export const auditAnchor = pgTable('audit_anchor', {
  id: id(),
  at: ts('at').notNull(),
  keyId: varchar('key_id', { length: 32 }).notNull(),
  /** the signed JSON text, stored as text so that it verifies byte for byte */
  payload: text('payload').notNull(),
  signature: text('signature').notNull(),
});

/** This database's identity in the anchors (one row, set by migration 0007, append-only). */
export const auditInstance = pgTable('audit_instance', {
  id: varchar('id', { length: 36 }).primaryKey(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Events to deliver after commit (registry, notifications, e-mail). */
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    eventType: varchar('event_type', { length: 64 }).notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    processedAt: ts('processed_at'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    /** a dead letter: failed for good (0008), seen and retried by the administrator */
    deadAt: ts('dead_at'),
  },
  (t) => [
    index('outbox_pending_idx')
      .on(t.nextAttemptAt, t.id)
      .where(sql`processed_at is null and dead_at is null`),
    index('outbox_processed_idx')
      .on(t.processedAt)
      .where(sql`processed_at is not null`),
    index('outbox_dead_idx')
      .on(t.deadAt, t.id)
      .where(sql`dead_at is not null`),
  ],
);

// ------------------------------------------------------------------ citizen portal (issue 4)

/**
 * Delegations: the delegate may act for the delegator (see and send their cases, read their
 * exemptions) from validFrom to validUntil (null = until revoked). Checked on every request.
 */
export const delegation = pgTable(
  'delegation',
  {
    id: id(),
    delegatorFiscalCode: varchar('delegator_fiscal_code', { length: 16 }).notNull(),
    delegateFiscalCode: varchar('delegate_fiscal_code', { length: 16 }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdByUserId: bigint('created_by_user_id', { mode: 'number' }),
    createdByFiscalCode: varchar('created_by_fiscal_code', { length: 16 }).notNull(),
    createdByRole: varchar('created_by_role', { length: 32, enum: ROLES }).notNull(),
    revokedAt: ts('revoked_at'),
    revokedByFiscalCode: varchar('revoked_by_fiscal_code', { length: 16 }),
  },
  (t) => [
    index('delegation_delegate_idx').on(t.delegateFiscalCode, t.delegatorFiscalCode),
    index('delegation_delegator_idx').on(t.delegatorFiscalCode),
  ],
);

/** The certificate behind a case: its date (age rule) and, when issued here, its verification code. */
export const caseCertificate = pgTable(
  'case_certificate',
  {
    caseId: bigint('case_id', { mode: 'number' })
      .primaryKey()
      .references(() => exemptionCase.id),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    /** null when the certificate was uploaded (issued elsewhere) */
    verificationCode: varchar('verification_code', { length: 16 }),
    issuerFiscalCode: varchar('issuer_fiscal_code', { length: 16 }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('case_certificate_verification_uq').on(t.verificationCode)],
);

/**
 * In-app notifications. One row per (outbox event, recipient): a re-run of the event writes nothing;
 * `dedupeKey` limits "un operatore ha consultato la tua pratica" to one per case and day.
 */
export const notification = pgTable(
  'notification',
  {
    id: id(),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    recipientFiscalCode: varchar('recipient_fiscal_code', { length: 16 }).notNull(),
    kind: varchar('kind', { length: 32, enum: NOTIFICATION_KINDS }).notNull(),
    /** a citizen's notification (portal) or an operator's (backoffice): issue 17 §6, migration 0024 */
    audience: varchar('audience', { length: 8, enum: NOTIFICATION_AUDIENCES }).notNull().default('CITIZEN'),
    caseNumber: char('case_number', { length: 18 }),
    text: text('text').notNull(),
    dedupeKey: text('dedupe_key'),
    createdAt: ts('created_at').notNull().defaultNow(),
    readAt: ts('read_at'),
  },
  (t) => [
    uniqueIndex('notification_event_recipient_uq').on(t.eventId, t.recipientFiscalCode, t.audience),
    uniqueIndex('notification_dedupe_uq').on(t.dedupeKey),
    index('notification_recipient_idx').on(t.recipientFiscalCode, t.audience, t.id),
  ],
);

/**
 * Every e-mail the platform writes: sent through SMTP when SMTP_URL is set (status SENT), otherwise
 * kept here for the administrator (status KEPT). One row per (outbox event, recipient).
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: id(),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    recipientFiscalCode: varchar('recipient_fiscal_code', { length: 16 }).notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: varchar('status', { length: 16, enum: MAIL_STATUSES }).notNull().default('PENDING'),
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
    /** why it was not delivered: SMTP code and class with a fixed text, never the server's words (0008) */
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('mail_outbox_event_recipient_uq').on(t.eventId, t.recipientFiscalCode),
    index('mail_outbox_created_idx').on(t.createdAt),
  ],
);

// ---- issue 12: income self-declaration (H2, migration 0019)

/**
 * The income limits of the page (docs/domain.md §1.1), in euro cents, by code and the day they apply
 * from: data/income-thresholds.csv, loaded by the catalogue import. The rule picks the row in force on
 * the declaration date, so a new decree is a new row.
 */
export const incomeThreshold = pgTable(
  'income_threshold',
  {
    code: varchar('code', { length: 20 }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    baseCents: bigint('base_cents', { mode: 'number' }).notNull(),
    spouseCents: bigint('spouse_cents', { mode: 'number' }),
    perChildCents: bigint('per_child_cents', { mode: 'number' }),
    source: text('source').notNull(),
  },
  (t) => [primaryKey({ columns: [t.code, t.validFrom] })],
);

/**
 * What the declarant declared under DPR 445/2000 for an exemption issued on a self-declaration (income
 * E01–E04, the Region's declared codes): one row per case, written with the case (validated at once) by
 * issueDeclaredExemption. Amounts in euro cents; `facts` holds the family's own declared facts.
 * Append-only in spirit: no UPDATE path in the code.
 */
export const selfDeclaration = pgTable(
  'self_declaration',
  {
    caseId: bigint('case_id', { mode: 'number' })
      .primaryKey()
      .references(() => exemptionCase.id),
    code: varchar('code', { length: 20 }).notNull(),
    aslId: varchar('asl_id', { length: 6 }).notNull(),
    declaredAt: ts('declared_at').notNull(),
    declarantFiscalCode: varchar('declarant_fiscal_code', { length: 16 }).notNull(),
    declarantTitle: varchar('declarant_title', { length: 24, enum: DECLARANT_TITLES }).notNull(),
    holderFiscalCode: varchar('holder_fiscal_code', { length: 16 }),
    incomeYear: integer('income_year'),
    householdIncomeCents: bigint('household_income_cents', { mode: 'number' }),
    hasSpouse: boolean('has_spouse'),
    dependentChildren: integer('dependent_children'),
    thresholdCents: bigint('threshold_cents', { mode: 'number' }),
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull().default({}),
    dpr445AcceptedAt: ts('dpr445_accepted_at').notNull(),
    identityDocument: jsonb('identity_document').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('self_declaration_asl_declared_idx').on(t.aslId, t.declaredAt),
    index('self_declaration_declarant_idx').on(t.declarantFiscalCode),
  ],
);

// ---- issue 12: regional codes (H5, migration 0022)

/**
 * The rules of a code of the Region's file (data/regional-codes-<REGION>.csv), beside its exemption_code
 * row: regional configuration, not national data. Text columns keep the file's notations, read by
 * domain/regional.ts; amounts in euro cents.
 */
export const regionalCode = pgTable('regional_code', {
  code: varchar('code', { length: 20 })
    .primaryKey()
    .references(() => exemptionCode.code),
  region: varchar('region', { length: 40 }).notNull(),
  category: varchar('category', { length: 16, enum: REGIONAL_CATEGORIES }).notNull(),
  issuedBy: text('issued_by').notNull(),
  identifiers: text('identifiers').notNull(),
  documents: text('documents').notNull(),
  duration: varchar('duration', { length: 32 }).notNull(),
  age: varchar('age', { length: 64 }),
  incomeMeasure: varchar('income_measure', { length: 16, enum: INCOME_MEASURES }),
  incomeOverCents: bigint('income_over_cents', { mode: 'number' }),
  incomeMaxCents: bigint('income_max_cents', { mode: 'number' }),
  incomeMaxInclusive: boolean('income_max_inclusive').notNull().default(true),
  householdLimits: text('household_limits'),
  conditions: text('conditions'),
  copayCapCents: bigint('copay_cap_cents', { mode: 'number' }),
  discountPercent: integer('discount_percent'),
  notes: text('notes').notNull().default(''),
  source: text('source').notNull(),
});

// ---- issue 12: invalidity data and exempt services (H4, migration 0021)

/** What the verbale of an invalidity case says (docs/domain.md §1.5, domain/invalidity.ts). */
export const invalidityData = pgTable('invalidity_data', {
  caseId: bigint('case_id', { mode: 'number' })
    .primaryKey()
    .references(() => exemptionCase.id),
  kind: varchar('kind', { length: 16, enum: INVALIDITY_KINDS }).notNull(),
  percentage: smallint('percentage'),
  category: smallint('category'),
  accompaniment: boolean('accompaniment').notNull().default(false),
  verbaleNumber: varchar('verbale_number', { length: 40 }).notNull(),
  verbaleDate: date('verbale_date', { mode: 'string' }).notNull(),
  issuingBody: text('issuing_body').notNull(),
});

/** The national nomenclator of specialist services (data/prestazioni_catalogo_nazionale.csv). */
export const nomenclatorService = pgTable('nomenclator_service', {
  code: varchar('code', { length: 20 }).primaryKey(),
  description: text('description').notNull(),
  source: text('source').notNull(),
});

/** Each exempt-services file the administrator loaded (docs/exempt-services.md): one version. */
export const exemptServiceUpload = pgTable(
  'exempt_service_upload',
  {
    id: id(),
    uploadedAt: ts('uploaded_at').notNull(),
    uploadedBy: varchar('uploaded_by', { length: 16 }).notNull(),
    fileName: text('file_name').notNull(),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    rowCount: integer('row_count').notNull(),
    codes: text('codes').array().notNull(),
  },
  (t) => [uniqueIndex('exempt_service_upload_sha256_uq').on(t.sha256)],
);

// ---- issue 12: MEF list and art. 71 checks (H3, migration 0020)

/** One MEF list import (upload or command line): its progress, read by the admin's progress bar, and figures. */
export const mefImport = pgTable(
  'mef_import',
  {
    id: id(),
    fileName: text('file_name').notNull(),
    listYear: integer('list_year'),
    status: varchar('status', { length: 16, enum: MEF_IMPORT_STATUSES }).notNull(),
    totalBytes: bigint('total_bytes', { mode: 'number' }).notNull().default(0),
    bytesRead: bigint('bytes_read', { mode: 'number' }).notNull().default(0),
    rowsRead: integer('rows_read').notNull().default(0),
    rowsRejected: integer('rows_rejected').notNull().default(0),
    rejectedSample: jsonb('rejected_sample')
      .$type<Array<{ line: number; reason: string }>>()
      .notNull()
      .default([]),
    inserted: integer('inserted'),
    unchanged: integer('unchanged'),
    reinstated: integer('reinstated'),
    superseded: integer('superseded'),
    ended: integer('ended'),
    startedBy: varchar('started_by', { length: 16 }).notNull(),
    startedAt: ts('started_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    finishedAt: ts('finished_at'),
    error: text('error'),
  },
  () => [
    uniqueIndex('mef_import_running_uq')
      .on(sql`(true)`)
      .where(sql`status in ('LOADING', 'MERGING')`),
  ],
);

/** The rows of the import being loaded (UNLOGGED staging; emptied after the merge). */
export const mefListRow = pgTable('mef_list_row', {
  importId: bigint('import_id', { mode: 'number' }).notNull(),
  fiscalCode: varchar('fiscal_code', { length: 16 }).notNull(),
  code: varchar('code', { length: 20 }).notNull(),
});

/** One sampling of an ASL's self-declarations of a month (art. 71 DPR 445/2000): its population and size. */
export const declarationCheckSample = pgTable(
  'declaration_check_sample',
  {
    period: char('period', { length: 7 }).notNull(),
    aslId: varchar('asl_id', { length: 6 }).notNull(),
    sampledAt: ts('sampled_at').notNull(),
    percent: numeric('percent', { precision: 5, scale: 2 }).notNull(),
    population: integer('population').notNull(),
    sampleSize: integer('sample_size').notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.aslId] })],
);

/** A self-declaration drawn for a check, and the district operator's outcome. */
export const declarationCheck = pgTable(
  'declaration_check',
  {
    id: id(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => selfDeclaration.caseId),
    aslId: varchar('asl_id', { length: 6 }).notNull(),
    period: char('period', { length: 7 }).notNull(),
    sampledAt: ts('sampled_at').notNull(),
    outcome: varchar('outcome', { length: 16, enum: DECLARATION_CHECK_OUTCOMES }),
    note: text('note'),
    decidedBy: varchar('decided_by', { length: 16 }),
    decidedAt: ts('decided_at'),
  },
  (t) => [
    uniqueIndex('declaration_check_case_uq').on(t.caseId),
    index('declaration_check_asl_idx').on(t.aslId, t.period, t.id),
  ],
);

/** Issue 13 §4 (migration 0029): an import of the registry of assistiti (docs/person-directory.md). */
export const personImport = pgTable(
  'person_import',
  {
    id: id(),
    fileName: text('file_name').notNull(),
    status: varchar('status', { length: 16, enum: PERSON_IMPORT_STATUSES }).notNull(),
    totalBytes: bigint('total_bytes', { mode: 'number' }).notNull().default(0),
    bytesRead: bigint('bytes_read', { mode: 'number' }).notNull().default(0),
    rowsRead: integer('rows_read').notNull().default(0),
    rowsRejected: integer('rows_rejected').notNull().default(0),
    rejectedSample: jsonb('rejected_sample')
      .$type<Array<{ line: number; reason: string }>>()
      .notNull()
      .default([]),
    inserted: integer('inserted'),
    updated: integer('updated'),
    unchanged: integer('unchanged'),
    startedBy: varchar('started_by', { length: 16 }).notNull(),
    startedAt: ts('started_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    finishedAt: ts('finished_at'),
    error: text('error'),
  },
  () => [
    uniqueIndex('person_import_running_uq')
      .on(sql`(true)`)
      .where(sql`status in ('LOADING', 'MERGING')`),
  ],
);

/** The staged rows of the running person import (UNLOGGED; emptied after the merge). */
export const personImportRow = pgTable('person_import_row', {
  importId: bigint('import_id', { mode: 'number' }).notNull(),
  fiscalCode: varchar('fiscal_code', { length: 16 }).notNull(),
  lastName: text('last_name').notNull(),
  firstName: text('first_name').notNull(),
  birthDate: date('birth_date', { mode: 'string' }),
  sex: char('sex', { length: 1 }),
  comune: varchar('comune', { length: 6 }),
  aslId: varchar('asl_id', { length: 6 }).notNull(),
  districtId: varchar('district_id', { length: 16 }),
  gpFiscalCode: varchar('gp_fiscal_code', { length: 16 }),
  status: varchar('status', { length: 8, enum: ASSISTANCE_STATUSES }).notNull(),
});
/**
 * issue 14 (0026): one row per nightly reconciliation of our registry with the regional one: the day it
 * covered, how many exemptions it compared, whether the registry answered, and the differences (Coverage
 * id and field names only).
 */
export const registryReconciliation = pgTable(
  'registry_reconciliation',
  {
    id: id(),
    ranAt: ts('ran_at').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    checked: integer('checked').notNull(),
    unreachable: boolean('unreachable').notNull().default(false),
    differences: jsonb('differences')
      .$type<Array<{ coverageId: string; kind: 'MISSING' | 'DIFFERENT'; fields: string[] }>>()
      .notNull()
      .default([]),
  },
  (t) => [index('registry_reconciliation_ran_at_idx').on(t.ranAt)],
);

// ------------------------------------------------------------------ administration (issue 13, migration 0028)

/** The administrator's tamper-evident trail: one HMAC chain, append-only (audit/admin-audit.ts). */
export const adminAudit = pgTable(
  'admin_audit',
  {
    id: id(),
    at: ts('at').notNull(),
    actorUserId: bigint('actor_user_id', { mode: 'number' }),
    actorRole: varchar('actor_role', { length: 32 }).notNull(),
    action: varchar('action', { length: 48 }).notNull(),
    targetType: varchar('target_type', { length: 24 }).notNull(),
    targetId: text('target_id').notNull(),
    /** canonical JSON text, hashed byte for byte; never a password, PIN or API key */
    detail: text('detail').notNull(),
    correlationId: text('correlation_id').notNull(),
    prevHash: varchar('prev_hash', { length: 64 }).notNull(),
    hash: varchar('hash', { length: 64 }).notNull(),
    keyId: varchar('key_id', { length: 32 }).notNull(),
  },
  (t) => [index('admin_audit_target_idx').on(t.targetType, t.targetId, t.id)],
);

/** A district's office (sportello): address, services, weekly hours and closed days. */
export const office = pgTable(
  'office',
  {
    id: id(),
    districtId: varchar('district_id', { length: 16 })
      .notNull()
      .references(() => district.id),
    name: text('name').notNull(),
    address: text('address').notNull(),
    services: jsonb('services').$type<string[]>().notNull().default([]),
    hours: jsonb('hours')
      .$type<{ weekday: number; opens: string; closes: string; note?: string }[]>()
      .notNull()
      .default([]),
    closures: jsonb('closures').$type<{ date: string; note?: string }[]>().notNull().default([]),
    note: text('note'),
    source: text('source'),
    active: boolean('active').notNull().default(true),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('office_district_idx').on(t.districtId)],
);

/** Parameters set by the administrator: name, scope ('' = everywhere, a Region's code, an ASL's id), value. */
export const adminParameter = pgTable(
  'admin_parameter',
  {
    name: varchar('name', { length: 48 }).notNull(),
    scope: varchar('scope', { length: 16 }).notNull().default(''),
    value: integer('value').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: bigint('updated_by', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.name, t.scope] })],
);
