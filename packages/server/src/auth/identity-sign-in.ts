/**
 * From a verified identity (a fiscal code vouched for by SPID, CIE, the regional provider or a digital
 * certificate) to the account and profile a session opens with (issue 13).
 *
 * - Citizens (SPID, CIE): the fiscal code must be a person known to the region (the people table); else
 *   the login is refused and no account is made. The first login makes the account (no password, no PIN)
 *   with a CITIZEN profile; an existing account of that fiscal code gets the CITIZEN profile if it lacks one.
 *   The session opens on the CITIZEN profile.
 * - Operators (regional provider, digital certificate): an active account of that fiscal code with at least
 *   one profile other than CITIZEN; else refused with a clear message. One such profile: the session opens
 *   on it; several: the operator chooses (like the password login).
 */
import { identityRefused } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import {
  accountByUsername,
  accountsOfFiscalCode,
  addCitizenProfile,
  insertCitizenAccount,
  type AccountProfile,
} from '../db/repositories/identity.js';
import { findPerson } from '../db/repositories/people.js';
import { recordLoginAttempt } from '../db/repositories/accounts.js';
import { createSession, type SessionPolicy } from './sessions.js';

export interface SignIn {
  userId: number;
  username: string;
  /** the profile the session opens on; null: the user chooses */
  profileId: number | null;
}

export const UNKNOWN_PERSON_MESSAGE =
  "Il codice fiscale dell'identità digitale non risulta tra gli assistiti della Regione: non è possibile accedere al servizio. Rivolgersi allo sportello della propria ASL.";
export const NO_OPERATOR_PROFILE_MESSAGE =
  "L'identità è stata riconosciuta, ma non ha un profilo di operatore in questo servizio. Chiedere l'abilitazione all'amministratore della propria ASL.";

const byUser = (rows: AccountProfile[]) => {
  const users = new Map<number, AccountProfile[]>();
  for (const r of rows) users.set(r.userId, [...(users.get(r.userId) ?? []), r]);
  return [...users.values()];
};

export async function citizenSignIn(db: Db, fiscalCode: string, now: Date): Promise<SignIn> {
  const person = await findPerson(db, fiscalCode);
  if (!person) throw identityRefused(UNKNOWN_PERSON_MESSAGE);
  return db.transaction(async (tx) => {
    const accounts = byUser(await accountsOfFiscalCode(tx, fiscalCode)).filter((a) => a[0]!.active);
    const withCitizen = accounts.find((a) => a.some((p) => p.role === 'CITIZEN'));
    if (withCitizen) {
      const p = withCitizen.find((x) => x.role === 'CITIZEN')!;
      return { userId: p.userId, username: p.username, profileId: p.profileId };
    }
    const existing = accounts[0]?.[0];
    if (existing) {
      return {
        userId: existing.userId,
        username: existing.username,
        profileId: await addCitizenProfile(tx, existing.userId),
      };
    }
    const made = await insertCitizenAccount(tx, {
      fiscalCode,
      firstName: person.firstName,
      lastName: person.lastName,
      at: now,
    });
    if (made) return { ...made, username: fiscalCode.toLowerCase() };
    // the username was taken meanwhile: by a concurrent first login of the same person (use it), or by someone else
    const other = await accountByUsername(tx, fiscalCode.toLowerCase());
    if (other && other.fiscalCode === fiscalCode) {
      const again = byUser(await accountsOfFiscalCode(tx, fiscalCode)).flat();
      const p = again.find((x) => x.role === 'CITIZEN');
      if (p) return { userId: p.userId, username: p.username, profileId: p.profileId };
    }
    throw identityRefused(
      "Non è stato possibile preparare l'accesso al servizio. Rivolgersi all'assistenza indicando il problema.",
    );
  });
}

export async function operatorSignIn(db: Db, fiscalCode: string): Promise<SignIn> {
  const accounts = byUser(await accountsOfFiscalCode(db, fiscalCode)).filter((a) => a[0]!.active);
  for (const a of accounts) {
    const operator = a.filter((p) => p.role !== null && p.role !== 'CITIZEN');
    if (operator.length === 0) continue;
    return {
      userId: a[0]!.userId,
      username: a[0]!.username,
      profileId: operator.length === 1 ? operator[0]!.profileId : null,
    };
  }
  throw identityRefused(NO_OPERATOR_PROFILE_MESSAGE);
}

/**
 * The session of an identity login: the same kind as the password login's (sessions.ts), on the profile
 * chosen above; the success is a login_attempt row like any other, under the account's username.
 */
export async function openIdentitySession(
  db: Db,
  who: SignIn,
  policy: SessionPolicy,
  ip: string | undefined,
  now: Date,
): Promise<{ token: string; csrfToken: string }> {
  const session = await createSession(db, who.userId, who.profileId, policy, now);
  await recordLoginAttempt(db, { username: who.username, ip, outcome: 'SUCCESS', at: now });
  return session;
}
