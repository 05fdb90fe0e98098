/** After sending: the case number, the certificate PDF and the way to the case or to a new one. */
import type { CaseDetail } from '@esenzioni/domain';
import { Alert, Button } from 'design-react-kit';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { certificatePdfUrl } from '../../api/portal';
import { Icon } from '../../ui/Icon';

interface Props {
  c: CaseDetail;
  detailPath: string;
  againLabel: string;
  onAgain: () => void;
  backTo: string;
}

export function Confirmation({ c, detailPath, againLabel, onAgain, backTo }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="case-confirm">
      <Alert fade={false} color="success">
        <strong className="d-block">{`Pratica n. ${c.caseNumber} inviata`}</strong>
        {`${c.beneficiary.lastName} ${c.beneficiary.firstName} (${c.beneficiary.fiscalCode}) – esenzione ${c.exemption.code} ${c.exemption.description}. Stato: INVIATA.`}
      </Alert>
      <div className="d-flex flex-wrap gap-3 align-items-center">
        {c.certificate.available && (
          <a
            className="btn btn-outline-primary d-inline-flex align-items-center gap-1"
            href={certificatePdfUrl(c.caseNumber)}
            download
          >
            <Icon name="it-download" size="sm" color="primary" />
            Scarica il certificato (PDF)
          </a>
        )}
        <Link to={detailPath} state={{ backTo }}>
          {`Apri la pratica ${c.caseNumber}`}
        </Link>
        <Button color="primary" onClick={onAgain}>
          {againLabel}
        </Button>
      </div>
    </div>
  );
}
