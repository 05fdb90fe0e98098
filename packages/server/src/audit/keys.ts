/**
 * The audit's secrets, kept outside the database so that whoever can rewrite its tables cannot
 * recompute what they prove:
 * - the HMAC key of the access-log hash chains (AUDIT_HMAC_KEY; earlier keys in
 *   AUDIT_HMAC_PREVIOUS_KEYS so rows they hashed still verify after a rotation). Each row stores the
 *   id of the key that hashed it; the id is derived from the key (sha256, 12 hex), never the key.
 * - the Ed25519 key signing the anchors (AUDIT_ANCHOR_KEY; earlier public keys in AUDIT_ANCHOR_PUBLIC_KEYS).
 *
 * In production both must come from the environment (a secret store). Elsewhere, when unset, each is
 * created once in a file of AUDIT_KEY_DIR (default: the parent of DATA_DIR, i.e. `.data/`), mode 0600,
 * so a fresh clone runs with no settings and its log keeps verifying across restarts. Tests install a
 * fixed key with `setAuditKeys`.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type AuditKeySettings } from '../config.js';

export interface HmacKey {
  id: string;
  secret: Buffer;
}

export interface AuditKeys {
  /** hashes new rows */
  hmac: HmacKey;
  /** every key a row may name: the current one and the earlier ones */
  hmacById: ReadonlyMap<string, HmacKey>;
  /** signs new anchors (null: this process may only verify) */
  anchorSigner: { id: string; privateKey: KeyObject } | null;
  /** public keys anchors may be signed with, by key id */
  anchorVerifiers: ReadonlyMap<string, KeyObject>;
  /** where anchors are exported, one JSON line each */
  anchorFile: string;
}

const MIN_KEY_BYTES = 32;

/** A key given as hex or base64; at least 32 bytes. */
export function parseSecret(text: string, name: string): Buffer {
  const t = text.trim();
  const bytes =
    /^[0-9a-fA-F]+$/.test(t) && t.length % 2 === 0 ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (bytes.length < MIN_KEY_BYTES)
    throw new Error(`${name}: la chiave deve avere almeno ${MIN_KEY_BYTES} byte (esadecimale o base64).`);
  return bytes;
}

export const hmacKeyOf = (secret: Buffer): HmacKey => ({
  id: createHash('sha256').update('esenzioni-audit-hmac').update(secret).digest('hex').slice(0, 12),
  secret,
});

/** An anchor key's id: 12 hex of the sha256 of its public key (SPKI DER). */
export const anchorKeyId = (publicKey: KeyObject): string =>
  createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 12);

function parsePrivateKey(text: string): KeyObject {
  const t = text.trim();
  const key = t.startsWith('-----')
    ? createPrivateKey(t)
    : createPrivateKey({ key: Buffer.from(t, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error('AUDIT_ANCHOR_KEY: serve una chiave privata Ed25519.');
  return key;
}

const parsePublicKey = (text: string): KeyObject =>
  createPublicKey({ key: Buffer.from(text.trim(), 'base64'), format: 'der', type: 'spki' });

const list = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Reads a key file, creating it once with `create()` if absent. The new file is written aside and
 * linked into place (link fails if the name exists), so processes starting together agree on one key.
 */
function keyFile(file: string, create: () => string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, create(), { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return fs.readFileSync(file, 'utf8');
}

function required(name: string, settings: AuditKeySettings): never {
  throw new Error(
    `${name} non impostata: in produzione le chiavi del registro accessi vengono dall'ambiente, mai da un file creato al volo (key dir ${settings.keyDir}).`,
  );
}

export function loadAuditKeys(settings: AuditKeySettings): AuditKeys {
  const hmacText =
    settings.hmacKey ??
    (settings.production
      ? required('AUDIT_HMAC_KEY', settings)
      : keyFile(path.join(settings.keyDir, 'audit-hmac.key'), () => randomBytes(32).toString('base64')));
  const hmac = hmacKeyOf(parseSecret(hmacText, 'AUDIT_HMAC_KEY'));
  const hmacById = new Map([[hmac.id, hmac]]);
  for (const old of list(settings.hmacPreviousKeys)) {
    const k = hmacKeyOf(parseSecret(old, 'AUDIT_HMAC_PREVIOUS_KEYS'));
    hmacById.set(k.id, k);
  }
  const anchorText =
    settings.anchorKey ??
    (settings.production
      ? required('AUDIT_ANCHOR_KEY', settings)
      : keyFile(path.join(settings.keyDir, 'audit-anchor.key'), () =>
          generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        ));
  const privateKey = parsePrivateKey(anchorText);
  const publicKey = createPublicKey(privateKey);
  const anchorVerifiers = new Map([[anchorKeyId(publicKey), publicKey]]);
  for (const old of list(settings.anchorPublicKeys)) {
    const k = parsePublicKey(old);
    anchorVerifiers.set(anchorKeyId(k), k);
  }
  return {
    hmac,
    hmacById,
    anchorSigner: { id: anchorKeyId(publicKey), privateKey },
    anchorVerifiers,
    anchorFile: settings.anchorFile,
  };
}

let current: AuditKeys | undefined;

/** The process's keys: installed by `setAuditKeys`, else loaded from the environment on first use. */
export function auditKeys(): AuditKeys {
  current ??= loadAuditKeys(loadConfig().audit);
  return current;
}

/** Installs the keys (start-up with a parsed config, scripts, tests with fixed keys). */
export function setAuditKeys(keys: AuditKeys): void {
  current = keys;
}
