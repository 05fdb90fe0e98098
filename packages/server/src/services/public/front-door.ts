/**
 * The public front door's data (issue 13 §5), read without signing in: the exemption families with
 * what each covers, who may ask and the documents to bring (family_document, data/family-documents.csv),
 * the income limits in force today (income_threshold), and the active offices with their hours
 * (the administration's data). No personal data: nothing here names a person or a user.
 */
import {
  ALL_SERVICES_SENTENCE,
  DENTAL_SERVICES_SENTENCE,
  EXEMPTION_FAMILY_LABELS,
  INCOME_CODES,
  INCOME_RULE_TEXT,
  STANDARD_SERVICES_SENTENCE,
  TOTAL_INVALIDITY_SENTENCE,
  RELATED_SERVICES_SENTENCE,
  todayInRome,
  type ExemptionFamily,
  type PublicFamilies,
  type PublicFamily,
  type PublicOffices,
} from '@esenzioni/domain';
import type { Db } from '../../db/client.js';
import { aslsWithOffices, officeList } from '../../db/repositories/administration.js';
import { thresholdInForce } from '../../db/repositories/self-declarations.js';
import { officeOut } from '../admin/organisation.js';
import { familyDocuments } from '../catalogue/family-documents.js';

/** What the public page says of each family: what it covers and who may ask (docs/domain.md §1, docs/asl-page.md). */
const FAMILY_TEXT: Record<
  Exclude<ExemptionFamily, 'OTHER'>,
  { covers: string; who: string; codes: { code: string; description: string }[] }
> = {
  CHRONIC: {
    covers: `Le prestazioni appropriate per il monitoraggio della malattia cronica e delle sue complicanze, indicate per ciascuna malattia (per alcune, come i tumori: ${STANDARD_SERVICES_SENTENCE.toLowerCase()})`,
    who: 'Chi ha una malattia cronica o invalidante riconosciuta, con il certificato di uno specialista di struttura pubblica.',
    codes: [],
  },
  RARE: {
    covers: STANDARD_SERVICES_SENTENCE,
    who: 'Chi ha una malattia rara riconosciuta da un presidio della rete delle malattie rare.',
    codes: [],
  },
  INVALIDITY: {
    covers: `${TOTAL_INVALIDITY_SENTENCE} Per le invalidità parziali: ${RELATED_SERVICES_SENTENCE.charAt(0).toLowerCase()}${RELATED_SERVICES_SENTENCE.slice(1)}`,
    who: 'Invalidi civili, di guerra, per servizio e per lavoro, ciechi e sordomuti, vittime del terrorismo e della criminalità organizzata, con il verbale di riconoscimento.',
    codes: [],
  },
  INCOME: {
    covers: ALL_SERVICES_SENTENCE,
    who: 'Chi rientra in una delle condizioni di età, lavoro o pensione con il reddito familiare sotto i limiti, con un’autocertificazione.',
    codes: INCOME_CODES.map((code) => ({ code, description: INCOME_RULE_TEXT[code] })),
  },
  DENTAL: {
    covers: DENTAL_SERVICES_SENTENCE,
    who: 'Chi è in condizione di vulnerabilità sociale (reddito) o sanitaria (alcune malattie) secondo le regole della Regione.',
    codes: [],
  },
  PREGNANCY: {
    covers:
      'Le prestazioni per la tutela della gravidanza indicate dai LEA: non serve una richiesta, il medico scrive il codice sulla ricetta.',
    who: 'Le donne in gravidanza: codice «M + settimana di gravidanza»; gravidanza a rischio: codice M50, scritto dallo specialista di struttura pubblica.',
    codes: [],
  },
};

const PUBLIC_FAMILIES = Object.keys(FAMILY_TEXT) as Exclude<ExemptionFamily, 'OTHER'>[];

export async function publicFamilies(db: Db, now: Date): Promise<PublicFamilies> {
  const today = todayInRome(now);
  const items: PublicFamily[] = await Promise.all(
    PUBLIC_FAMILIES.map(async (family) => {
      const docs = await familyDocuments(db, family);
      return {
        family,
        label: EXEMPTION_FAMILY_LABELS[family],
        ...FAMILY_TEXT[family],
        documents: docs.items,
        source: docs.source,
      };
    }),
  );
  const thresholds = await Promise.all(INCOME_CODES.map((c) => thresholdInForce(db, c, today)));
  return {
    items,
    incomeThresholds: thresholds
      .filter((t) => t !== undefined)
      .map((t) => ({
        code: t.code,
        baseCents: t.baseCents,
        spouseCents: t.spouseCents,
        perChildCents: t.perChildCents,
      })),
  };
}

export async function publicOffices(db: Db, aslId: string | undefined): Promise<PublicOffices> {
  const [asls, offices] = await Promise.all([
    aslsWithOffices(db),
    officeList(db, { aslId, activeOnly: true }),
  ]);
  return {
    asls,
    items: offices.map((o) => {
      const { active: _a, updatedAt: _u, ...rest } = officeOut(o);
      return rest;
    }),
  };
}
