import { Button } from '../components/button.tsx';
import { ErrorState } from '../components/error-state.tsx';
import { BrandMark } from './brand-mark.tsx';

export interface PageFailureProps {
  error: unknown;
  /** True when the shell itself failed: the page then draws its own minimal frame. */
  standalone?: boolean;
}

/**
 * A view's code failed to load (often because a new release replaced the files) or the shell
 * broke. Reloading fetches the current files, so that is the retry offered.
 */
export function PageFailure({ error, standalone = false }: PageFailureProps) {
  const content = (
    <div className="page">
      <ErrorState title="This page could not be shown" error={error} />
      <div>
        <Button variant="primary" onClick={() => window.location.reload()}>
          Reload the page
        </Button>
      </div>
    </div>
  );
  if (!standalone) return content;
  return (
    <div className="app-standalone">
      <p className="app-standalone__brand">
        <BrandMark /> Vigil
      </p>
      {content}
    </div>
  );
}
