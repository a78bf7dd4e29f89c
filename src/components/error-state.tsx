import { isApiError } from '../lib/api-error.ts';
import { Button } from './button.tsx';
import './states.css';

export interface ErrorStateProps {
  /** What failed, e.g. "Could not load log groups". */
  title: string;
  error: unknown;
  onRetry?: () => void;
}

function describe(error: unknown): { message: string; meta: string | null } {
  if (isApiError(error)) {
    return { message: error.message, meta: error.status > 0 ? `${error.code} · HTTP ${error.status}` : error.code };
  }
  if (error instanceof Error) return { message: error.message, meta: error.name === 'Error' ? null : error.name };
  return { message: String(error), meta: null };
}

/** Shows the server's (or the browser's) own message: it is usually the most precise one. */
export function ErrorState({ title, error, onRetry }: ErrorStateProps) {
  const { message, meta } = describe(error);
  return (
    <div className="state state--error" role="alert">
      <p className="state__title">{title}</p>
      <p className="state__message">{message}</p>
      {meta && <p className="state__meta">{meta}</p>}
      {onRetry && <Button onClick={onRetry}>Try again</Button>}
    </div>
  );
}
