import { Pager, PagerItem, PagerLink } from 'design-react-kit';
import { Link } from 'react-router';
import { Icon } from '../../ui/Icon';

interface Props {
  page: number;
  pages: number;
  hrefFor: (page: number) => string;
}

/** Page numbers around the current one, with the first and the last: 1 … 4 5 [6] 7 8 … 20. */
export function pageWindow(page: number, pages: number): (number | '…')[] {
  const out: (number | '…')[] = [];
  const from = Math.max(2, page - 2);
  const to = Math.min(pages - 1, page + 2);
  out.push(1);
  if (from > 2) out.push('…');
  for (let p = from; p <= to; p++) out.push(p);
  if (to < pages - 1) out.push('…');
  if (pages > 1) out.push(pages);
  return out;
}

export function ResultsPager({ page, pages, hrefFor }: Props) {
  if (pages <= 1) return null;
  return (
    <Pager aria-label="Paginazione dei risultati" className="mt-3">
      <PagerItem disabled={page <= 1}>
        {page <= 1 ? (
          <span className="page-link" aria-hidden="true">
            <Icon name="it-chevron-left" color="primary" />
          </span>
        ) : (
          <PagerLink tag={Link} to={hrefFor(page - 1)}>
            <Icon name="it-chevron-left" color="primary" />
            <span className="visually-hidden">Pagina precedente</span>
          </PagerLink>
        )}
      </PagerItem>
      {pageWindow(page, pages).map((p, i) =>
        p === '…' ? (
          <PagerItem key={`gap-${i}`} className="d-none d-sm-flex">
            <span className="page-link" aria-hidden="true">
              …
            </span>
          </PagerItem>
        ) : (
          <PagerItem
            key={p}
            active={p === page}
            className={Math.abs(p - page) > 1 && p !== 1 && p !== pages ? 'd-none d-sm-flex' : undefined}
          >
            <PagerLink tag={Link} to={hrefFor(p)} aria-current={p === page ? 'page' : undefined}>
              <span className="visually-hidden">Pagina </span>
              {p}
            </PagerLink>
          </PagerItem>
        ),
      )}
      <PagerItem disabled={page >= pages}>
        {page >= pages ? (
          <span className="page-link" aria-hidden="true">
            <Icon name="it-chevron-right" color="primary" />
          </span>
        ) : (
          <PagerLink tag={Link} to={hrefFor(page + 1)}>
            <span className="visually-hidden">Pagina successiva</span>
            <Icon name="it-chevron-right" color="primary" />
          </PagerLink>
        )}
      </PagerItem>
    </Pager>
  );
}
