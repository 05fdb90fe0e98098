/** Fixed audit keys for tests (HMAC and Ed25519 anchor key), and a temporary anchor file. */
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { anchorKeyId, hmacKeyOf, setAuditKeys, type AuditKeys } from '../../src/audit/keys.js';

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
