/**
 * «Le esenzioni» and one family (issue 13 §5): what each family covers, who may ask, the codes when
 * few, the documents to bring (catalogue data: GET /api/public/families) and where to go.
 */
import { EXEMPTION_FAMILY_LABELS } from '@esenzioni/domain/enums';
import type { PublicFamily } from '@esenzioni/domain';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { usePageTitle } from '../../ui/usePageTitle';
import NotFoundPage from '../static/NotFoundPage';
import { FAMILY_SLUGS, familyOfSlug } from './publicText';
import { usePublicFamilies } from './usePublicFamilies';

export function FamilyDocumentsList({ family }: { family: PublicFamily }) {
  if (family.documents.length === 0)
    return <p>Nessun documento da portare: il codice viene scritto dal medico sulla ricetta.</p>;
  return (
    <>
      <ul>
        {family.documents.map((d) => (
          <li key={d.document}>
            {d.document}
            {!d.required && ' (se ricorre)'}
            {d.note && <span className="d-block small text-secondary">{d.note}</span>}
          </li>
        ))}
      </ul>
      {family.source && <p className="small text-secondary">Fonte: {family.source}</p>}
    </>
  );
}

export default function FamiliesPage() {
  usePageTitle('Le esenzioni');
  const { data, error } = usePublicFamilies();
  return (
    <div className="row">
      <div className="col-12 col-lg-9">
        <h1 className="h2">Le esenzioni</h1>
        <p>
          Le famiglie di esenzione dal ticket: per ciascuna, che cosa copre, chi può chiederla e i documenti
          da portare. Per sapere quali si adattano alla propria situazione:{' '}
          <Link to="/quale-esenzione">Quale esenzione posso chiedere?</Link>
        </p>
        <ErrorAlert error={error} title="Elenco non disponibile" />
        {!data && !error && <Loading />}
        <ul className="list-unstyled">
          {data?.items.map((f) => (
            <li key={f.family} className="mb-4">
              <h2 className="h4">
                <Link to={`/esenzioni/${FAMILY_SLUGS[f.family as keyof typeof FAMILY_SLUGS]}`}>
                  {f.label}
                </Link>
              </h2>
              <p className="mb-1">{f.who}</p>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function FamilyPage() {
  const { famiglia } = useParams();
  const code = familyOfSlug(famiglia);
  usePageTitle(code ? `Esenzione: ${EXEMPTION_FAMILY_LABELS[code]}` : 'Pagina non trovata');
  const { data, error } = usePublicFamilies();
  if (!code) return <NotFoundPage />;
  const f = data?.items.find((x) => x.family === code);
  return (
    <div className="row">
      <div className="col-12 col-lg-9">
        <nav aria-label="Percorso" className="breadcrumb-container">
          <ol className="breadcrumb">
            <li className="breadcrumb-item">
              <Link to="/esenzioni">Le esenzioni</Link>
              <span className="separator">/</span>
            </li>
            <li className="breadcrumb-item active" aria-current="page">
              {EXEMPTION_FAMILY_LABELS[code]}
            </li>
          </ol>
        </nav>
        <h1 className="h2">Esenzione: {EXEMPTION_FAMILY_LABELS[code].toLowerCase()}</h1>
        <ErrorAlert error={error} title="Informazioni non disponibili" />
        {!data && !error && <Loading />}
        {f && (
          <>
            <h2 className="h4 mt-4">Chi può chiederla</h2>
            <p>{f.who}</p>
            <h2 className="h4 mt-4">Che cosa copre</h2>
            <p>{f.covers}</p>
            {f.codes.length > 0 && (
              <>
                <h2 className="h4 mt-4">I codici</h2>
                <dl>
                  {f.codes.map((c) => (
                    <div key={c.code}>
                      <dt>{c.code}</dt>
                      <dd>{c.description}</dd>
                    </div>
                  ))}
                </dl>
              </>
            )}
            <h2 className="h4 mt-4">Documenti da portare</h2>
            <FamilyDocumentsList family={f} />
            <h2 className="h4 mt-4">Dove andare</h2>
            {code === 'PREGNANCY' ? (
              <p>Dal proprio medico o dallo specialista: il codice si scrive sulla ricetta.</p>
            ) : (
              <p>
                Allo sportello del distretto della propria ASL (<Link to="/sportelli">sportelli e orari</Link>
                ), oppure on line dopo l’<Link to="/accesso">accesso</Link>.
              </p>
            )}
          </>
        )}
      </div>
    </div>
  );
}
