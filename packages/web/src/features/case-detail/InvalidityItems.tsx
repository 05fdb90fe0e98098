/** The verbale of an invalidity case in the detail (issue 12 §4): kind, grade, accompaniment, verbale. */
import type { CaseDetail } from '@esenzioni/domain';
import { INVALIDITY_KIND_LABELS, invalidityGradeText } from '@esenzioni/domain/invalidity';
import type { ReactNode } from 'react';
import { formatDate } from '../../ui/format';

type ItemComponent = (p: { label: string; children: ReactNode; wide?: boolean }) => ReactNode;

export function InvalidityItems({
  c,
  Item,
}: {
  c: Pick<CaseDetail, 'family' | 'invalidity'>;
  Item: ItemComponent;
}) {
  if (c.family !== 'INVALIDITY') return null;
  const v = c.invalidity;
  if (!v) return <Item label="Verbale di invalidità">Dati del verbale non registrati</Item>;
  return (
    <>
      <Item label="Tipo di invalidità">{INVALIDITY_KIND_LABELS[v.kind]}</Item>
      <Item label="Percentuale o categoria">{invalidityGradeText(v)}</Item>
      <Item label="Indennità di accompagnamento">{v.accompaniment ? 'Sì' : 'No'}</Item>
      <Item label="Verbale di invalidità">
        {`n. ${v.verbaleNumber} del ${formatDate(v.verbaleDate)}, ${v.issuingBody}`}
      </Item>
    </>
  );
}
