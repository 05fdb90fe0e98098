/**
 * The identities the demo SPID, CIE and regional providers offer (issue 13, auth/demo-idp.ts): people and
 * accounts of the demo seed, plus one identity of each kind the service refuses, so the refusals can be
 * seen too. Never used in production.
 */
import type { DemoIdentity } from '../auth/demo-idp.js';
import type { OidcProviderName } from '../auth/oidc-client.js';
import { demoAccount } from './accounts.js';
import { computeFiscalCode } from './fiscal-code.js';
import { MANUAL_PEOPLE } from './people.js';

const person = (i: number, note: string): DemoIdentity => {
  const p = MANUAL_PEOPLE[i];
  if (!p) throw new Error(`persona dimostrativa ${i} mancante`);
  return { fiscalCode: computeFiscalCode(p), firstName: p.firstName, lastName: p.lastName, note };
};

const operator = (username: string, note: string): DemoIdentity => {
  const a = demoAccount(username);
  return { fiscalCode: a.fiscalCode, firstName: a.firstName, lastName: a.lastName, note };
};

/** A well-formed fiscal code of nobody the region knows (not in the demo people). */
const STRANGER: DemoIdentity = {
  ...{ firstName: 'PERSONA', lastName: 'NONASSISTITA' },
  fiscalCode: computeFiscalCode({
    firstName: 'PERSONA',
    lastName: 'NONASSISTITA',
    birthDate: '1990-01-01',
    sex: 'F',
    birthPlaceCode: 'Z404',
  }),
  note: 'non assistita dalla Regione: l’accesso viene rifiutato',
};

export function demoIdentities(): Record<OidcProviderName, DemoIdentity[]> {
  const citizens = [
    person(0, 'cittadino con esenzioni e pratiche (account «cittadino»)'),
    person(1, 'assistito della Regione al primo accesso: il profilo di cittadino viene creato ora'),
    person(3, 'assistito della Regione al primo accesso'),
    STRANGER,
  ];
  return {
    spid: citizens,
    cie: citizens,
    operatore: [
      operator('operatore.torino', 'operatore di distretto e amministrativo, ASL Città di Torino'),
      operator('operatore.cn2', 'operatore di distretto, ASL CN2 (Bra)'),
      operator('specialista', 'medico specialista'),
      operator('admin', 'amministratore'),
      person(0, 'cittadino senza profilo di operatore: l’accesso viene rifiutato'),
    ],
  };
}
