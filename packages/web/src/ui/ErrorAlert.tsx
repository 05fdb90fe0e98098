import { Alert } from 'design-react-kit';
import { errorMessage } from './errorMessage';

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert fade={false} color="danger" role="alert">
      {title && <strong className="d-block">{title}</strong>}
      {errorMessage(error)}
    </Alert>
  );
}
