/**
 * SQL of the identity logins (issue 13): the OpenID transactions waiting for their callback, and the
 * accounts a verified fiscal code maps to. The decisions (who may enter, with which profile) are in
 * auth/identity-sign-in.ts.
 */
import { and, asc, eq, lt } from 'drizzle-orm';
import type { Db, Tx } from '../client.js';
import { appUser, oidcTransaction, userProfile } from '../schema.js';

export interface OidcTransactionRow {
  provider: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  expiresAt: Date;
}

/** Stores a transaction under the sha256 of its cookie; those already expired at `now` are deleted meanwhile. */
export async function insertOidcTransaction(
  db: Db,
  id: string,
  t: OidcTransactionRow,
  now: Date,
): Promise<void> {
  await db.delete(oidcTransaction).where(lt(oidcTransaction.expiresAt, now));
  await db.insert(oidcTransaction).values({ id, ...t, createdAt: now });
}

/** Takes the transaction out (one callback per transaction: a second one finds nothing). */
export async function takeOidcTransaction(db: Db, id: string): Promise<OidcTransactionRow | undefined> {
  const [row] = await db.delete(oidcTransaction).where(eq(oidcTransaction.id, id)).returning({
    provider: oidcTransaction.provider,
    state: oidcTransaction.state,
    nonce: oidcTransaction.nonce,
    codeVerifier: oidcTransaction.codeVerifier,
    expiresAt: oidcTransaction.expiresAt,
  });
  return row;
}

export interface AccountProfile {
  userId: number;
  username: string;
  active: boolean;
  profileId: number | null;
  role: string | null;
}

/** Every account holding this fiscal code, with its profiles (one row per profile; accounts without any: one row with nulls). */
export async function accountsOfFiscalCode(tx: Tx, fiscalCode: string): Promise<AccountProfile[]> {
  return tx
    .select({
      userId: appUser.id,
      username: appUser.username,
      active: appUser.active,
      profileId: userProfile.id,
      role: userProfile.role,
    })
    .from(appUser)
    .leftJoin(userProfile, eq(userProfile.userId, appUser.id))
    .where(eq(appUser.fiscalCode, fiscalCode))
    .orderBy(asc(appUser.id), asc(userProfile.id));
}

/** A CITIZEN profile for an existing account; returns its id. */
export async function addCitizenProfile(tx: Tx, userId: number): Promise<number> {
  const [row] = await tx
    .insert(userProfile)
    .values({ userId, role: 'CITIZEN', aslId: null, districtId: null })
    .returning({ id: userProfile.id });
  if (!row) throw new Error('citizen profile not created');
  return row.id;
}

/**
 * A citizen's account, made at their first SPID/CIE login: no password or PIN (the hash `!` verifies
 * nothing), username = the fiscal code in lower case. Undefined when the username is taken.
 */
export async function insertCitizenAccount(
  tx: Tx,
  c: { fiscalCode: string; firstName: string; lastName: string; at: Date },
): Promise<{ userId: number; profileId: number } | undefined> {
  const [user] = await tx
    .insert(appUser)
    .values({
      username: c.fiscalCode.toLowerCase(),
      passwordHash: '!',
      pinHash: '!',
      fiscalCode: c.fiscalCode,
      firstName: c.firstName,
      lastName: c.lastName,
      createdAt: c.at,
    })
    .onConflictDoNothing({ target: appUser.username })
    .returning({ id: appUser.id });
  if (!user) return undefined;
  return { userId: user.id, profileId: await addCitizenProfile(tx, user.id) };
}

/** The account of a username with its fiscal code (to tell a concurrent first login from a name clash). */
export async function accountByUsername(tx: Tx, username: string) {
  const [u] = await tx
    .select({ id: appUser.id, fiscalCode: appUser.fiscalCode })
    .from(appUser)
    .where(and(eq(appUser.username, username)))
    .limit(1);
  return u;
}
