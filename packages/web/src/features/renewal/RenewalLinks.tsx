/** The link of a renewal (issue 11 §3), as items of a detail's list: the case it renews, the case that renews it. */
import type { CaseDetail } from '@esenzioni/domain';
import type { ComponentType, ReactNode } from 'react';
import { Link } from 'react-router';

export function RenewalLinks({
  detail,
  to,
  Item,
}: {
  detail: Pick<CaseDetail, 'renewalOf' | 'renewedBy'>;
  /** the address of a case's detail */
  to: (caseNumber: string) => string;
  Item: ComponentType<{ label: string; children: ReactNode }>;
}) {
  return (
    <>
      {detail.renewalOf && (
        <Item label="Rinnovo della pratica">
          <Link to={to(detail.renewalOf)} data-testid="rinnovo-di">
            {`Pratica precedente ${detail.renewalOf}`}
          </Link>
        </Item>
      )}
      {detail.renewedBy && (
        <Item label="Rinnovata dalla pratica">
          <Link to={to(detail.renewedBy)} data-testid="rinnovata-da">
            {`Pratica successiva ${detail.renewedBy}`}
          </Link>
        </Item>
      )}
    </>
  );
}
