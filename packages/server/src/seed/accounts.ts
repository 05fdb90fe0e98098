/**
 * The demo accounts: one per role, with the credentials printed at start. Same password and PIN for
 * all (hashed once: argon2id is deliberately slow). Never created in production (config.seedDemo).
 */
import type { Role } from '@esenzioni/domain';
import { hashSecret } from '../auth/passwords.js';
import type { Tx } from '../db/client.js';
import { findUserIdByUsername } from '../db/repositories/accounts.js';
import { insertUserWithProfiles } from '../db/repositories/seed.js';
import { ASL_CN2, ASL_TORINO, DISTRICT_BRA } from './districts.js';
import { computeFiscalCode } from './fiscal-code.js';
import { MANUAL_PEOPLE } from './people.js';

export const DEMO_PASSWORD = 'Esenzioni-Demo-2026';
export const DEMO_PIN = '246810';

export interface DemoProfile {
  role: Role;
  aslId: string | null;
  districtId: string | null;
}

export interface DemoAccount {
  username: string;
  password: string;
  pin: string;
  description: string;
  firstName: string;
  lastName: string;
  fiscalCode: string;
  profiles: readonly DemoProfile[];
}

const citizen = MANUAL_PEOPLE[0];
if (!citizen) throw new Error('persona del cittadino dimostrativo mancante');

const account = (
  username: string,
  description: string,
  who: { firstName: string; lastName: string; birthDate: string; sex: 'M' | 'F'; birthPlaceCode: string },
  profiles: DemoProfile[],
): DemoAccount => ({
  username,
  password: DEMO_PASSWORD,
  pin: DEMO_PIN,
  description,
  firstName: who.firstName,
  lastName: who.lastName,
  fiscalCode: computeFiscalCode(who),
  profiles,
});

const p = (role: Role, aslId: string | null = null, districtId: string | null = null): DemoProfile => ({
  role,
  aslId,
  districtId,
});

// fictitious people in the manual's style ("DEMO VENTICINQUE" is the operator of its screenshots)
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  account(
    'operatore.torino',
    "Operatore di distretto ASL Città di Torino (tutta l'ASL) e operatore amministrativo: sceglie il profilo",
    { firstName: 'DEMO', lastName: 'VENTICINQUE', birthDate: '1975-05-20', sex: 'M', birthPlaceCode: 'L219' },
    [p('DISTRICT_OPERATOR', ASL_TORINO), p('ADMIN_OPERATOR', ASL_TORINO)],
  ),
  account(
    'operatore.cn2',
    'Operatore di distretto ASL CN2, distretto di Bra',
    {
      firstName: 'RICCARDO',
      lastName: 'DICIOTTO',
      birthDate: '1963-06-10',
      sex: 'M',
      birthPlaceCode: 'D205',
    },
    [p('DISTRICT_OPERATOR', ASL_CN2, DISTRICT_BRA)],
  ),
  account(
    'specialista',
    'Medico specialista (ASL Città di Torino): invia le pratiche con il certificato',
    { firstName: 'ANNA', lastName: 'VENTOTTO', birthDate: '1970-09-14', sex: 'F', birthPlaceCode: 'L219' },
    [p('SPECIALIST', ASL_TORINO)],
  ),
  account(
    'medico.base',
    'Medico di medicina generale (ASL Città di Torino): verifica le esenzioni degli assistiti',
    {
      firstName: 'PAOLO',
      lastName: 'CINQUANTUNO',
      birthDate: '1968-02-03',
      sex: 'M',
      birthPlaceCode: 'L219',
    },
    [p('GP', ASL_TORINO)],
  ),
  account(
    'cittadino',
    'Cittadino residente a Torino (NELLO TRENTASEI), con pratiche inviate e validate',
    citizen,
    [p('CITIZEN')],
  ),
  account(
    'admin',
    'Amministratore: utenti, cataloghi, sportelli',
    { firstName: 'LUCIA', lastName: 'NOVANTA', birthDate: '1980-11-22', sex: 'F', birthPlaceCode: 'L219' },
    [p('ADMIN')],
  ),
  // issue 12 §8: a second administrator for the catalogue files (the e2e lock-out test locks `admin`)
  account(
    'admin.cataloghi',
    'Amministratore dei cataloghi: carica gli elenchi delle prestazioni esenti',
    { firstName: 'MARCO', lastName: 'NOVANTUNO', birthDate: '1979-04-12', sex: 'M', birthPlaceCode: 'L219' },
    [p('ADMIN')],
  ),
  // issue 15: the statistics (aggregates only) of one ASL and of the Region
  account(
    'direzione.torino',
    'Direzione ASL Città di Torino: cruscotto statistico della sola ASL (solo dati aggregati)',
    { firstName: 'CARLA', lastName: 'QUARANTA', birthDate: '1966-07-08', sex: 'F', birthPlaceCode: 'L219' },
    [p('ASL_MANAGER', ASL_TORINO)],
  ),
  account(
    'analista.regione',
    'Analista della Regione: cruscotto statistico di tutte le ASL (solo dati aggregati)',
    {
      firstName: 'GIORGIO',
      lastName: 'QUARANTUNO',
      birthDate: '1974-12-01',
      sex: 'M',
      birthPlaceCode: 'L219',
    },
    [p('REGION_ANALYST')],
  ),
];

export const demoAccount = (username: string): DemoAccount => {
  const a = DEMO_ACCOUNTS.find((x) => x.username === username);
  if (!a) throw new Error(`account dimostrativo sconosciuto: ${username}`);
  return a;
};

/** Creates the accounts that do not exist yet; returns every demo username's user id. */
export async function createDemoAccounts(tx: Tx): Promise<Map<string, number>> {
  const [passwordHash, pinHash] = await Promise.all([hashSecret(DEMO_PASSWORD), hashSecret(DEMO_PIN)]);
  const ids = new Map<string, number>();
  for (const a of DEMO_ACCOUNTS) {
    const existing = await findUserIdByUsername(tx, a.username);
    if (existing !== undefined) {
      ids.set(a.username, existing);
      continue;
    }
    const created = await insertUserWithProfiles(
      tx,
      {
        username: a.username,
        passwordHash,
        pinHash,
        fiscalCode: a.fiscalCode,
        firstName: a.firstName,
        lastName: a.lastName,
      },
      a.profiles,
    );
    if (created === undefined) throw new Error(`utente non creato: ${a.username}`);
    ids.set(a.username, created);
  }
  return ids;
}
