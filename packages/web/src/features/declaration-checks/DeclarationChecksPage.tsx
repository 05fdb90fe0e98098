/**
 * «Controlli autocertificazioni» (issue 12 §3, art. 71 DPR 445/2000), for the district operators of an
 * ASL: each month a random share of the self-declarations issued the month before is drawn; the operator
 * checks each and records the outcome — conforme, or non conforme with a note, which revokes the exemption
 * (dichiarazione mendace) and lists the case among those to send to the judicial authority.
 */
import type { DeclarationCheckItem, DeclarationCheckList, DeclarationCheckOutcome } from '@esenzioni/domain';
import { DECLARATION_CHECK_OUTCOME_LABELS } from '@esenzioni/domain/enums';
import { Alert, Button, Table } from 'design-react-kit';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { declarationChecks, decideDeclarationCheck, type CheckView } from '../../api/checks';
import { errorMessage } from '../../ui/errorMessage';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { Radio } from '../../ui/Radio';
import { usePageTitle } from '../../ui/usePageTitle';

const TITLE = 'Controlli autocertificazioni';
const VIEWS: Array<{ view: CheckView; label: string }> = [
  { view: 'TODO', label: 'Da controllare' },
  { view: 'DONE', label: 'Conclusi' },
  { view: 'REFERRAL', label: "Da trasmettere all'autorità giudiziaria" },
];
const monthLabel = (period: string) => {
  const [y, m] = period.split('-');
  return `${m}/${y}`;
};

function OutcomeForm({
  item,
  onDone,
  onCancel,
}: {
  item: DeclarationCheckItem;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [outcome, setOutcome] = useState<DeclarationCheckOutcome | null>(null);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (!outcome) return setProblem("Scegliere l'esito del controllo.");
    if (outcome === 'NON_CONFORMING' && !note.trim())
      return setProblem('Per l’esito «non conforme» la nota è obbligatoria: indicare cosa non corrisponde.');
    setBusy(true);
    setProblem(null);
    try {
      const r = await decideDeclarationCheck(item.id, outcome, note);
      onDone(
        r.outcome === 'CONFORMING'
          ? `Controllo della pratica ${r.caseNumber}: conforme.`
          : `Controllo della pratica ${r.caseNumber}: non conforme. ${
              r.revoked ? 'Esenzione revocata per dichiarazione mendace; ' : ''
            }la pratica è tra quelle da trasmettere all'autorità giudiziaria.`,
      );
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="border rounded p-3 my-3" aria-labelledby="esito-titolo">
      <h2 className="h5" id="esito-titolo" tabIndex={-1} ref={headingRef}>
        {`Esito del controllo — pratica ${item.caseNumber}, ${item.beneficiaryName}`}
      </h2>
      <fieldset className="mb-3">
        <legend className="fs-6 fw-semibold">Esito</legend>
        <Radio
          name="esito"
          id="esito-conforme"
          checked={outcome === 'CONFORMING'}
          onChange={() => setOutcome('CONFORMING')}
        >
          Conforme
        </Radio>
        <Radio
          name="esito"
          id="esito-non-conforme"
          checked={outcome === 'NON_CONFORMING'}
          onChange={() => setOutcome('NON_CONFORMING')}
        >
          Non conforme (revoca dell&apos;esenzione per dichiarazione mendace)
        </Radio>
      </fieldset>
      <div className="mb-3">
        <label htmlFor="esito-nota" className="form-label fw-semibold d-block">
          Nota (obbligatoria se non conforme)
        </label>
        <textarea
          id="esito-nota"
          className="form-control"
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      {problem && (
        <Alert fade={false} color="danger">
          {problem}
        </Alert>
      )}
      <div className="d-flex gap-2">
        <Button type="submit" color="primary" disabled={busy}>
          Registra esito
        </Button>
        <Button type="button" color="secondary" outline onClick={onCancel}>
          Annulla
        </Button>
      </div>
    </form>
  );
}

export default function DeclarationChecksPage() {
  usePageTitle(TITLE);
  const [view, setView] = useState<CheckView>('TODO');
  const [data, setData] = useState<DeclarationCheckList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<DeclarationCheckItem | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const messageRef = useRef<HTMLDivElement>(null);

  const load = useCallback(
    (signal: AbortSignal) =>
      declarationChecks(view, undefined, signal)
        .then((d) => {
          setData(d);
          setError(null);
        })
        .catch((e: unknown) => !signal.aborted && setError(e)),
    [view],
  );
  useEffect(() => {
    const ctrl = new AbortController();
    void load(ctrl.signal);
    return () => ctrl.abort();
  }, [load, reloads]);

  return (
    <>
      <h1 className="h3">{TITLE}</h1>
      <p>
        Ogni mese una quota delle autocertificazioni rilasciate nel mese precedente viene estratta a sorte per
        il controllo previsto dall&apos;art. 71 del DPR 445/2000. Per ciascuna registrare l&apos;esito: «non
        conforme» revoca l&apos;esenzione per dichiarazione mendace e segnala la pratica per la trasmissione
        all&apos;autorità giudiziaria (art. 76).
      </p>
      {data && data.samples.length > 0 && (
        <p data-testid="campioni">
          {data.samples
            .map(
              (s) =>
                `${monthLabel(s.period)}: ${s.sampleSize} su ${s.population} autocertificazioni (${s.percent}%)`,
            )
            .join(' · ')}
        </p>
      )}
      <ul className="nav nav-tabs mb-3" role="tablist" aria-label="Vista dei controlli">
        {VIEWS.map((v) => (
          <li className="nav-item" key={v.view} role="presentation">
            <button
              type="button"
              role="tab"
              aria-selected={view === v.view}
              className={`nav-link${view === v.view ? ' active' : ''}`}
              onClick={() => {
                setView(v.view);
                setSelected(null);
              }}
            >
              {v.label}
            </button>
          </li>
        ))}
      </ul>
      <div ref={messageRef} tabIndex={-1} aria-live="polite">
        {message && (
          <Alert fade={false} color="success">
            {message}
          </Alert>
        )}
        <ErrorAlert error={error} title="Elenco non disponibile" />
      </div>
      {selected && (
        <OutcomeForm
          item={selected}
          onCancel={() => setSelected(null)}
          onDone={(m) => {
            setSelected(null);
            setMessage(m);
            setReloads((r) => r + 1);
            window.setTimeout(() => messageRef.current?.focus(), 0);
          }}
        />
      )}
      {!data && !error && <Loading label="Caricamento dei controlli…" />}
      {data && data.items.length === 0 && <p>Nessun controllo in questa vista.</p>}
      {data && data.items.length > 0 && (
        <Table responsive>
          <caption className="visually-hidden">Autocertificazioni estratte per il controllo</caption>
          <thead>
            <tr>
              <th scope="col">Mese</th>
              <th scope="col">Pratica</th>
              <th scope="col">Codice</th>
              <th scope="col">Assistito</th>
              <th scope="col">Dichiarante</th>
              <th scope="col">Dichiarata il</th>
              <th scope="col">Esito</th>
              <th scope="col">Azioni</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((i) => (
              <tr key={i.id}>
                <td>{monthLabel(i.period)}</td>
                <td>
                  <Link to={`/pratiche/${i.caseNumber}`}>{i.caseNumber}</Link>
                </td>
                <td>{i.code}</td>
                <td>{`${i.beneficiaryName} (${i.beneficiaryFiscalCode})`}</td>
                <td>{i.declarantFiscalCode}</td>
                <td>{formatDate(i.declaredAt)}</td>
                <td>
                  {i.outcome
                    ? `${DECLARATION_CHECK_OUTCOME_LABELS[i.outcome]} (${formatDateTime(i.decidedAt)})${i.note ? ` — ${i.note}` : ''}`
                    : 'da controllare'}
                  {i.referral && (
                    <strong className="d-block">Da trasmettere all&apos;autorità giudiziaria</strong>
                  )}
                </td>
                <td>
                  {!i.outcome && (
                    <Button
                      type="button"
                      color="primary"
                      size="sm"
                      aria-label={`Registra esito della pratica ${i.caseNumber}`}
                      onClick={() => {
                        setMessage(null);
                        setSelected(i);
                      }}
                    >
                      Registra esito
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
