/** Fixed audit keys for tests (HMAC and Ed25519 anchor key), a temporary anchor file, an actor for rows. */
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { anchorKeyId, hmacKeyOf, setAuditKeys, type AuditKeys } from '../../src/audit/keys.js';
import type { Actor } from '../../src/auth/actor.js';

export function fixedTestKeys(anchorFile: string, hmacSeed = 'test'): AuditKeys {
  const hmac = hmacKeyOf(createHash('sha256').update(`esenzioni-test-hmac-${hmacSeed}`).digest());
  // a deterministic Ed25519 key: the PKCS#8 DER prefix of a raw 32-byte seed
  const seed = createHash('sha256').update('esenzioni-test-anchor').digest();
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  return {
    hmac,
    hmacById: new Map([[hmac.id, hmac]]),
    anchorSigner: { id: anchorKeyId(publicKey), privateKey },
    anchorVerifiers: new Map([[anchorKeyId(publicKey), publicKey]]),
    anchorFile,
  };
}

/** Installs fixed keys with an anchor file in a fresh temporary directory (removed at exit); returns them. */
export function useFixedTestKeys(): AuditKeys {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esz-audit-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const keys = fixedTestKeys(path.join(dir, 'anchors.jsonl'));
  setAuditKeys(keys);
  return keys;
}

/** A registry client (API key 7, role GP) as the actor of access-log rows written directly. */
export const apiKeyActor = {
  userId: null,
  fiscalCode: null,
  apiKeyId: 7,
  role: 'GP',
  aslId: null,
  districtId: null,
} as unknown as Actor;

/** A fiscal code of the right shape for row `i` (the writer does not check them; the column is varchar(16)). */
export const rowFiscalCode = (i: number) => `RSSMRA80A01L${String(i).padStart(3, '0')}X`;
