/**
 * The first administrator of a production installation, from ADMIN_* settings (config.bootstrapAdmin):
 * created once, never overwritten, so changing the password later in the app is not undone at restart.
 */
import { isValidFiscalCode, normalizeFiscalCode } from '@esenzioni/domain';
import { hashSecret } from '../auth/passwords.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { findUserIdByUsername } from '../db/repositories/accounts.js';
import { insertUserWithProfiles } from '../db/repositories/seed.js';

export type BootstrapAdmin = NonNullable<Config['bootstrapAdmin']>;

/** Creates the ADMIN user unless one with that username exists; true when it was created. */
export async function seedProductionAdmin(db: Db, admin: BootstrapAdmin): Promise<boolean> {
  const fiscalCode = normalizeFiscalCode(admin.fiscalCode);
  if (!isValidFiscalCode(fiscalCode)) {
    throw new Error('ADMIN_FISCAL_CODE non è un codice fiscale valido.');
  }
  // argon2 is slow on purpose: skip hashing on every restart once the admin exists
  if ((await findUserIdByUsername(db, admin.username)) !== undefined) return false;
  const [passwordHash, pinHash] = await Promise.all([hashSecret(admin.password), hashSecret(admin.pin)]);
  return db.transaction(async (tx) => {
    const created = await insertUserWithProfiles(
      tx,
      {
        username: admin.username,
        passwordHash,
        pinHash,
        fiscalCode,
        firstName: admin.firstName,
        lastName: admin.lastName,
      },
      [{ role: 'ADMIN', aslId: null, districtId: null }],
    );
    return created !== undefined;
  });
}
