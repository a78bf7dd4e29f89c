import { LoadingState } from '../components/loading-state.tsx';

/** Shown while the first view's code arrives, before the shell can render. */
export function AppLoading() {
  return (
    <div className="app-loading">
      <LoadingState label="Loading Vigil…" />
    </div>
  );
}
