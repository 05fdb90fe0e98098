/**
 * Anchors: the last id and hash of every access-log chain, signed (Ed25519, key outside the database:
 * audit/keys.ts), stored in the append-only `audit_anchor` table AND appended as one JSON line to a
 * file outside the database (AUDIT_ANCHOR_FILE; in production a location shipped off the host).
 *
 * The keyed hashes stop a rewrite; they cannot show that the newest rows of a chain were deleted
 * (what remains is still a valid chain). An anchor can: `audit:verify` requires the row it names to
 * be there with that hash, so a tail deleted after an anchor, or a chain rebuilt, is found. The file
 * copy survives whoever can also delete the anchor rows (the database's owner or superuser).
 *
 * Within a chain rows commit in id order (writers hold the chain's lock until commit), so one
 * statement's snapshot of the last row of each chain is a consistent checkpoint.
 */
import { sign, verify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/client.js';
import { chainHeads as chainHeadRows } from '../db/repositories/access-log.js';
import { insertAnchor, instanceIdentity, storedAnchors } from '../db/repositories/audit-anchor.js';
import { CHAIN_COUNT, GENESIS_HASH } from './access-log.js';
import { auditKeys, type AuditKeys } from './keys.js';

export interface ChainHead {
  chain: number;
  /** 0: the chain was empty */
  lastId: number;
  lastHash: string;
}

export interface AnchorPayload {
  v: 1;
  at: string;
  /** audit_instance.id: a file may hold anchors of other databases, which are not checked here */
  instance: string;
  /** current_database(), for whoever reads the file */
  db: string;
  chains: ChainHead[];
}

/** One anchor as stored and exported: `payload` is the exact signed text. */
export interface SignedAnchor {
  keyId: string;
  payload: string;
  signature: string;
}

export interface DatabaseIdentity {
  instance: string;
  database: string;
}

export async function databaseIdentity(db: Db): Promise<DatabaseIdentity> {
  const r = await instanceIdentity(db);
  // the migration allows one row; more means someone went around it to disown the exported anchors
  if (r && Number(r.instances) !== 1)
    throw new Error(`audit_instance deve avere una riga, ne ha ${r.instances}`);
  return { instance: r?.instance ?? '', database: r?.database ?? '' };
}

export async function chainHeads(db: Db): Promise<ChainHead[]> {
  const found = await chainHeadRows(db, CHAIN_COUNT);
  return found.map((r) => ({ chain: r.chain, lastId: r.id ?? 0, lastHash: r.hash ?? GENESIS_HASH }));
}

/** Signs the chains' heads now, stores the anchor and appends it to the export file. */
export async function writeAnchor(
  db: Db,
  now: Date,
  keys: AuditKeys = auditKeys(),
): Promise<SignedAnchor & { parsed: AnchorPayload }> {
  const signer = keys.anchorSigner;
  if (!signer) throw new Error('Nessuna chiave per firmare le ancore (AUDIT_ANCHOR_KEY).');
  const { instance, database } = await databaseIdentity(db);
  const parsed: AnchorPayload = {
    v: 1,
    at: now.toISOString(),
    instance,
    db: database,
    chains: await chainHeads(db),
  };
  const payload = JSON.stringify(parsed);
  const signature = sign(null, Buffer.from(payload), signer.privateKey).toString('base64');
  const anchor: SignedAnchor = { keyId: signer.id, payload, signature };
  await insertAnchor(db, { at: now, keyId: signer.id, payload, signature });
  fs.mkdirSync(path.dirname(keys.anchorFile), { recursive: true });
  fs.appendFileSync(keys.anchorFile, `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
  return { ...anchor, parsed };
}

export type CheckedAnchor =
  { ok: true; source: string; payload: AnchorPayload } | { ok: false; source: string; reason: string };

/** Verifies an anchor's signature with the key it names; parses its payload only if it holds. */
export function checkAnchor(a: SignedAnchor, source: string, keys: AuditKeys): CheckedAnchor {
  const key = keys.anchorVerifiers.get(a.keyId);
  if (!key) return { ok: false, source, reason: `ancora firmata con una chiave sconosciuta (${a.keyId})` };
  const valid = verify(null, Buffer.from(a.payload), key, Buffer.from(a.signature, 'base64'));
  if (!valid) return { ok: false, source, reason: "firma dell'ancora non valida" };
  return { ok: true, source, payload: JSON.parse(a.payload) as AnchorPayload };
}

export interface LoadedAnchors {
  checked: CheckedAnchor[];
  /** lines of the export file naming another database instance: not this database's business */
  otherInstances: number;
}

/**
 * The anchors of this database: every row of its `audit_anchor` table (an anchor there naming
 * another instance is a break), and the lines of the export file naming this instance (the file may
 * be shared, e.g. by the development and test databases of one checkout); each checked.
 */
export async function loadAnchors(
  db: Db,
  instance: string,
  keys: AuditKeys = auditKeys(),
): Promise<LoadedAnchors> {
  const stored = await storedAnchors(db);
  const checked = stored.map((a) => {
    const c = checkAnchor(a, `audit_anchor id=${a.id}`, keys);
    return c.ok && c.payload.instance !== instance
      ? { ok: false as const, source: c.source, reason: "ancora di un'altra istanza del database" }
      : c;
  });
  let otherInstances = 0;
  if (!fs.existsSync(keys.anchorFile)) return { checked, otherInstances };
  const lines = fs.readFileSync(keys.anchorFile, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const source = `${keys.anchorFile}:${i + 1}`;
    try {
      const anchor = JSON.parse(line) as SignedAnchor;
      // whoever can edit the file can delete lines anyway: skipping another database's unverified is no weaker
      if ((JSON.parse(anchor.payload) as AnchorPayload).instance !== instance) {
        otherInstances++;
        return;
      }
      checked.push(checkAnchor(anchor, source, keys));
    } catch {
      checked.push({ ok: false, source, reason: 'riga non leggibile' });
    }
  });
  return { checked, otherInstances };
}
