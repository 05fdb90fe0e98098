/**
 * The person directory (issue 13 §4): who is assisted by the region, with the residence that decides the
 * ASL and district of a new case. A port with two adapters:
 *  - `tableDirectory` (default): the `person` table, filled by the CSV import of the registry of
 *    assistiti (import-people.ts); the checks read it inside the request's transaction;
 *  - `httpDirectory`: a regional registry service (`PERSON_DIRECTORY_URL`, JSON contract in
 *    docs/person-directory.md), asked before any transaction opens (no network call inside one); the
 *    answer is kept in `person`, so the rest of the request reads it like the table adapter's.
 * A person the directory does not know stays unknown (400 PERSON_UNKNOWN); one whose assistance ceased is
 * refused (400 PERSON_NOT_ASSISTED); a directory that does not answer is a 503 DIRECTORY_UNAVAILABLE, never
 * a silent «not found».
 */
import { z } from 'zod';
import { directoryUnavailable, fiscalCodeProblem } from '@esenzioni/domain';
import type { Db } from '../../db/client.js';
import {
  residenceKnown,
  upsertDirectoryPerson,
  type DirectoryRow,
} from '../../db/repositories/person-directory.js';

export interface PersonDirectory {
  readonly kind: 'table' | 'http';
  /** Brings the person's record into `person` when the directory is remote (no-op for the table). */
  refresh(db: Db, fiscalCode: string, at: Date): Promise<void>;
}

export const tableDirectory: PersonDirectory = { kind: 'table', refresh: async () => undefined };

/** The JSON a regional registry service answers for GET {base}/assistiti/{codiceFiscale}. */
const remotePerson = z.object({
  codiceFiscale: z.string(),
  cognome: z.string().min(1).max(100),
  nome: z.string().min(1).max(100),
  dataNascita: z.iso.date().nullable().optional(),
  sesso: z.enum(['M', 'F']).nullable().optional(),
  comuneResidenza: z
    .string()
    .regex(/^\d{6}$/)
    .nullable()
    .optional(),
  asl: z.string().regex(/^\d{6}$/),
  distretto: z.string().max(16).nullable().optional(),
  medico: z.string().max(16).nullable().optional(),
  stato: z.enum(['ASSISTITO', 'CESSATO']),
});

export interface HttpDirectoryOptions {
  url: string;
  /** sent as `Authorization: Bearer …` when set */
  token?: string;
  timeoutMs: number;
  /** default: global fetch */
  fetch?: typeof fetch;
}

export function httpDirectory(o: HttpDirectoryOptions): PersonDirectory {
  const base = o.url.replace(/\/+$/, '');
  const doFetch = o.fetch ?? fetch;
  return {
    kind: 'http',
    async refresh(db, fiscalCode, at) {
      if (fiscalCodeProblem(fiscalCode)) return; // the request's own validation answers
      let res: Response;
      try {
        res = await doFetch(`${base}/assistiti/${encodeURIComponent(fiscalCode)}`, {
          headers: { accept: 'application/json', ...(o.token ? { authorization: `Bearer ${o.token}` } : {}) },
          signal: AbortSignal.timeout(o.timeoutMs),
        });
      } catch {
        throw directoryUnavailable();
      }
      if (res.status === 404) {
        await res.body?.cancel();
        return; // not known to the registry: the request's check says so (PERSON_UNKNOWN)
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw directoryUnavailable();
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        throw directoryUnavailable();
      }
      const parsed = remotePerson.safeParse(body);
      if (!parsed.success || parsed.data.codiceFiscale.toUpperCase() !== fiscalCode)
        throw directoryUnavailable();
      const p = parsed.data;
      // one small query per lookup: this runs before every request that names a person
      const known = await residenceKnown(db, p.asl, p.distretto ?? null);
      if (!known.asl) throw directoryUnavailable();
      const row: DirectoryRow = {
        fiscalCode,
        lastName: p.cognome.trim().toUpperCase(),
        firstName: p.nome.trim().toUpperCase(),
        birthDate: p.dataNascita ?? null,
        sex: p.sesso ?? null,
        comune: p.comuneResidenza ?? null,
        aslId: p.asl,
        districtId: p.distretto && known.district ? p.distretto : null,
        gpFiscalCode: p.medico && !fiscalCodeProblem(p.medico.toUpperCase()) ? p.medico.toUpperCase() : null,
        status: p.stato === 'ASSISTITO' ? 'ASSISTED' : 'CEASED',
      };
      await upsertDirectoryPerson(db, row, at);
    },
  };
}
