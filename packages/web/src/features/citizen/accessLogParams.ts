/**
 * The filter of "Chi ha consultato i miei dati", kept in the address (so it survives a reload and the
 * pager's links carry it): ?tipo=personale|automatiche|cittadini|tutti&dal=AAAA-MM-GG&al=AAAA-MM-GG&pagina=N.
 * With no `tipo`, the staff's reads: the few human accesses come first, whatever the volume of
 * automatic lookups (issue 9).
 */
import type { AccessLogKind } from '@esenzioni/domain';

export type KindChoice = AccessLogKind | 'ALL';

const SLUGS: Record<KindChoice, string> = {
  OPERATOR: 'personale',
  MACHINE: 'automatiche',
  CITIZEN: 'cittadini',
  ALL: 'tutti',
};

export const KIND_LABELS: Record<KindChoice, string> = {
  OPERATOR: 'Personale sanitario e amministrativo',
  MACHINE: 'Consultazioni automatiche (medici di famiglia, farmacie, sistemi)',
  CITIZEN: 'Delegati',
  ALL: 'Tutti gli accessi',
};

export const KIND_CHOICES: readonly KindChoice[] = ['OPERATOR', 'MACHINE', 'CITIZEN', 'ALL'];

export interface AccessLogParams {
  kind: KindChoice;
  from: string;
  to: string;
  page: number;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function readParams(sp: URLSearchParams): AccessLogParams {
  const slug = sp.get('tipo');
  const kind = (Object.keys(SLUGS) as KindChoice[]).find((k) => SLUGS[k] === slug) ?? 'OPERATOR';
  const iso = (v: string | null) => (v && ISO.test(v) ? v : '');
  return {
    kind,
    from: iso(sp.get('dal')),
    to: iso(sp.get('al')),
    page: Math.max(1, Math.floor(Number(sp.get('pagina'))) || 1),
  };
}

export function hrefOf(p: AccessLogParams): string {
  const q = new URLSearchParams();
  if (p.kind !== 'OPERATOR') q.set('tipo', SLUGS[p.kind]);
  if (p.from) q.set('dal', p.from);
  if (p.to) q.set('al', p.to);
  if (p.page > 1) q.set('pagina', String(p.page));
  const s = q.toString();
  return `/cittadino/accessi${s ? `?${s}` : ''}`;
}
