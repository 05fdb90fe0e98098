export function Loading({ label = 'Caricamento in corso…' }: { label?: string }) {
  return (
    <div className="d-flex align-items-center gap-2 my-4" role="status">
      <div className="progress-spinner progress-spinner-active size-sm">
        <span className="visually-hidden">{label}</span>
      </div>
      <span aria-hidden="true">{label}</span>
    </div>
  );
}
