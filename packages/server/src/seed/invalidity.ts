/**
 * The verbale of a demo invalidity case (issue 12 §4): plausible data that fit the code's rule
 * (domain/invalidity.ts), clearly demo — the number starts with DEMO and the issuing body says
 * "dati dimostrativi" — and derived from the case number alone, so the rest of the demo is unchanged.
 */
import { createHash } from 'node:crypto';
import { invalidityRuleOf, todayInRome, type InvalidityData, type InvalidityKind } from '@esenzioni/domain';

const BODIES: Record<InvalidityKind, string> = {
  CIVIL: 'Commissione medica per l’accertamento dell’invalidità civile (dati dimostrativi)',
  WORK: 'INAIL (dati dimostrativi)',
  WAR: 'Commissione medica per le pensioni di guerra (dati dimostrativi)',
  SERVICE: 'Commissione medica ospedaliera (dati dimostrativi)',
  TERRORISM_DUTY: 'Commissione medica ospedaliera (dati dimostrativi)',
  L210: 'Commissione medica ospedaliera, L. 210/1992 (dati dimostrativi)',
};

const within = (h: number, r: { min: number; max: number }) => r.min + (h % (r.max - r.min + 1));

/** null when the code has no invalidity rule. */
export function demoVerbale(caseNumber: string, code: string, submittedAt: Date): InvalidityData | null {
  const rule = invalidityRuleOf(code);
  if (!rule) return null;
  const h = createHash('sha256').update(`verbale:${caseNumber}`).digest().readUInt32BE(0);
  const days = 10 + (h % 80);
  const date = todayInRome(new Date(submittedAt.getTime() - days * 86_400_000));
  return {
    kind: rule.kind,
    percentage: rule.percentage ? within(h, rule.percentage) : null,
    category: rule.category ? within(h, rule.category) : null,
    accompaniment: rule.accompaniment ?? false,
    verbaleNumber: `DEMO-${date.slice(0, 4)}-${String(h % 100000).padStart(5, '0')}`,
    verbaleDate: date,
    issuingBody: BODIES[rule.kind],
  };
}
