/**
 * A small, explicit world for API tests (the demo seed is tested on its own): two ASLs, districts,
 * people, users with profiles, and cases created through the real createCase service.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { appUser, district, person, userProfile } from '../../src/db/schema.js';
import { hashSecret } from '../../src/auth/passwords.js';
import { createCase } from '../../src/services/cases/create-case.js';
import { importCatalogues } from '../../src/catalog/import.js';

export const PASSWORD = 'Prova-Password-2026';
export const PIN = '135790';

export const PEOPLE = {
  torino: {
    fiscalCode: 'RSSMRA80A01L219M',
    firstName: 'MARIO',
    lastName: 'ROSSI',
    aslId: '010301',
    districtId: '010301-T1',
  },
  torino2: {
    fiscalCode: 'TRNNLL53H10L219W',
    firstName: 'NELLO',
    lastName: 'TRENTASEI',
    aslId: '010301',
    districtId: '010301-T1',
  },
  bra: {
    fiscalCode: 'VNTRLA92B26B111W',
    firstName: 'AUREL',
    lastName: 'VENTIDUE',
    aslId: '010211',
    districtId: '010211-BRA',
  },
  alba: {
    fiscalCode: 'TRNBDT47C09A124B',
    firstName: 'BENEDETTO',
    lastName: 'TRENTAQUATTRO',
    aslId: '010211',
    districtId: '010211-ALB',
  },
  // citizen portal: people with an e-mail address, for notifications
  lucia: {
    fiscalCode: 'VRDLCU85M41L219Y',
    firstName: 'LUCIA',
    lastName: 'VERDI',
    aslId: '010301',
    districtId: '010301-T1',
    email: 'lucia.verdi@example.org',
  },
  giovanni: {
    fiscalCode: 'BNCGVN60D04A124L',
    firstName: 'GIOVANNI',
    lastName: 'BIANCHI',
    aslId: '010301',
    districtId: '010301-T1',
    email: 'giovanni.bianchi@example.org',
  },
} as const;

export const USERS = {
  opTorino: {
    username: 'op.torino',
    fiscalCode: 'LBRCRD53H10D205E',
    profiles: [{ role: 'DISTRICT_OPERATOR', aslId: '010301', districtId: null }],
  },
  opBra: {
    username: 'op.bra',
    fiscalCode: 'DMOVNT80A01B111I',
    profiles: [{ role: 'DISTRICT_OPERATOR', aslId: '010211', districtId: '010211-BRA' }],
  },
  opCn2: {
    username: 'op.cn2',
    fiscalCode: 'DMOTRE80A01A124O',
    profiles: [{ role: 'DISTRICT_OPERATOR', aslId: '010211', districtId: null }],
  },
  gp: {
    username: 'gp',
    fiscalCode: 'MDCBSE70A01L219V',
    profiles: [{ role: 'GP', aslId: '010301', districtId: null }],
  },
  citizen: {
    username: 'citizen',
    fiscalCode: PEOPLE.torino.fiscalCode,
    profiles: [{ role: 'CITIZEN', aslId: null, districtId: null }],
  },
  admin: {
    username: 'admin',
    fiscalCode: 'MMNSST70A01L219Z',
    profiles: [{ role: 'ADMIN', aslId: null, districtId: null }],
  },
  // citizen portal (issue 4)
  specialist: {
    username: 'spec',
    fiscalCode: 'SPCMRC70A01L219G',
    profiles: [{ role: 'SPECIALIST', aslId: '010301', districtId: null }],
  },
  specialist2: {
    username: 'spec2',
    fiscalCode: 'SPCLGU71B02L219J',
    profiles: [{ role: 'SPECIALIST', aslId: '010211', districtId: null }],
  },
  counter: {
    username: 'counter.torino',
    fiscalCode: 'SPRGNN75C03L219Q',
    profiles: [{ role: 'ADMIN_OPERATOR', aslId: '010301', districtId: null }],
  },
  lucia: {
    username: 'lucia',
    fiscalCode: 'VRDLCU85M41L219Y',
    profiles: [{ role: 'CITIZEN', aslId: null, districtId: null }],
  },
  giovanni: {
    username: 'giovanni',
    fiscalCode: 'BNCGVN60D04A124L',
    profiles: [{ role: 'CITIZEN', aslId: null, districtId: null }],
  },
  multi: {
    username: 'multi',
    fiscalCode: 'MLTPRF75A01L219C',
    profiles: [
      { role: 'DISTRICT_OPERATOR', aslId: '010301', districtId: null },
      { role: 'ADMIN_OPERATOR', aslId: '010301', districtId: null },
    ],
  },
} as const;

export const SPECIALIST_CF = 'AAAAAA00A11B000J';

export async function seedFixtures(db: Db): Promise<void> {
  await importCatalogues(db);
  await db.insert(district).values([
    { id: '010301-T1', aslId: '010301', name: 'Distretto 1' },
    { id: '010211-BRA', aslId: '010211', name: 'Bra' },
    { id: '010211-ALB', aslId: '010211', name: 'Alba' },
  ]);
  await db.insert(person).values(
    Object.values(PEOPLE).map((p) => ({
      fiscalCode: p.fiscalCode,
      firstName: p.firstName,
      lastName: p.lastName,
      residenceAslId: p.aslId,
      residenceDistrictId: p.districtId,
      email: 'email' in p ? p.email : null,
    })),
  );
  const passwordHash = await hashSecret(PASSWORD);
  const pinHash = await hashSecret(PIN);
  for (const u of Object.values(USERS)) {
    const [row] = await db
      .insert(appUser)
      .values({
        username: u.username,
        passwordHash,
        pinHash,
        fiscalCode: u.fiscalCode,
        firstName: 'TEST',
        lastName: u.username.toUpperCase(),
      })
      .returning({ id: appUser.id });
    for (const p of u.profiles)
      await db
        .insert(userProfile)
        .values({ userId: row!.id, role: p.role, aslId: p.aslId, districtId: p.districtId });
  }
}

/** A minimal but real PDF (uploads are parsed: a file that is not a PDF is refused). */
export const PDF_BYTES = ((): Uint8Array => {
  const objects = [
    '<</Type/Catalog/Pages 2 0 R>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = body.length;
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = body.length;
  body += `xref\n0 4\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  return new TextEncoder().encode(`${body}trailer\n<</Size 4/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`);
})();

/** A SUBMITTED case for one of PEOPLE, sent by the test specialist, with a certificate. */
export async function newCase(
  db: Db,
  who: keyof typeof PEOPLE,
  exemptionCode = '048',
  at?: Date,
): Promise<string> {
  return db.transaction(async (tx) => {
    const r = await createCase(tx, {
      beneficiaryFiscalCode: PEOPLE[who].fiscalCode,
      exemptionCode,
      submitterType: 'DOCTOR',
      submitterFiscalCode: SPECIALIST_CF,
      submitterRole: 'SPECIALIST',
      documents: [
        {
          kind: 'CERTIFICATE',
          fileName: 'certificato.pdf',
          contentType: 'application/pdf',
          bytes: PDF_BYTES,
        },
      ],
      ...(at ? { at } : {}),
    });
    return r.caseNumber;
  });
}

export const countRows = async (db: Db, table: string, where = 'true'): Promise<number> => {
  const r = (await db.execute(
    sql.raw(`select count(*)::int as n from ${table} where ${where}`),
  )) as unknown as { rows: Array<{ n: number }> };
  return Number(r.rows[0]?.n ?? 0);
};
