/** "Cronologia": every state change and note of a case (Data e ora, Utente, Stato pratica, notes). */
import type { HistoryItem } from '@esenzioni/domain';
import { CASE_STATUS_LABELS, ROLE_LABELS } from '@esenzioni/domain/enums';
import { Button, Modal, ModalBody, ModalFooter, ModalHeader, Table } from 'design-react-kit';
import { useEffect, useId, useState } from 'react';
import { getHistory } from '../../api/cases';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';

interface Props {
  caseNumber: string | null;
  onClose: () => void;
  /** Changes when the case changes, to reload an open dialog. */
  version?: number;
}

export function HistoryDialog({ caseNumber, onClose, version }: Props) {
  const titleId = useId();
  const [loaded, setLoaded] = useState<{ key: string; items: HistoryItem[] | null; error: unknown } | null>(
    null,
  );
  const key = caseNumber ? `${caseNumber}:${version ?? ''}` : null;

  useEffect(() => {
    if (!caseNumber || !key) return;
    const ctrl = new AbortController();
    getHistory(caseNumber, ctrl.signal)
      .then((items) => setLoaded({ key, items, error: null }))
      .catch((error: unknown) => !ctrl.signal.aborted && setLoaded({ key, items: null, error }));
    return () => ctrl.abort();
  }, [caseNumber, key]);

  const current = loaded && loaded.key === key ? loaded : null;
  // newest first, as in the manual's screen
  const items = current?.items
    ? current.items
        .map((h, i) => ({ h, i }))
        .sort((a, b) => b.h.at.localeCompare(a.h.at) || b.i - a.i)
        .map((x) => x.h)
    : null;
  const error = current?.error ?? null;

  return (
    <Modal
      isOpen={caseNumber !== null}
      toggle={onClose}
      labelledBy={titleId}
      size="xl"
      scrollable
      fade={false}
      returnFocusAfterClose
    >
      <ModalHeader toggle={onClose} closeAriaLabel="Chiudi la cronologia">
        <span id={titleId}>Cronologia della pratica {caseNumber}</span>
      </ModalHeader>
      <ModalBody>
        <ErrorAlert error={error} />
        {!items && !error && <Loading />}
        {items && items.length === 0 && <p>Nessuna operazione registrata.</p>}
        {items && items.length > 0 && (
          <div className="table-responsive">
            <Table size="sm" className="mb-0">
              <caption className="visually-hidden">
                Operazioni sulla pratica {caseNumber}, dalla più recente
              </caption>
              <thead>
                <tr>
                  <th scope="col">Data e ora</th>
                  <th scope="col">Utente</th>
                  <th scope="col">Stato pratica</th>
                  <th scope="col">Nota Beneficiario</th>
                  <th scope="col">Nota Interna</th>
                </tr>
              </thead>
              <tbody>
                {items.map((h, i) => (
                  <tr key={`${h.at}-${i}`}>
                    <td className="nowrap">{formatDateTime(h.at)}</td>
                    <td>
                      {h.actor.fiscalCode}{' '}
                      <span className="d-block small">
                        {/* the daily expiry job (server jobs/expiry.ts SYSTEM_ACTOR): no person, no profile */}
                        {h.actor.fiscalCode === 'SISTEMA'
                          ? 'PROCEDURA AUTOMATICA'
                          : ROLE_LABELS[h.actor.role]}
                      </span>
                    </td>
                    <td>{CASE_STATUS_LABELS[h.status]}</td>
                    <td>{h.beneficiaryNote}</td>
                    <td>{h.internalNote}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        )}
      </ModalBody>
      <ModalFooter>
        <Button color="primary" outline onClick={onClose}>
          Chiudi
        </Button>
      </ModalFooter>
    </Modal>
  );
}
