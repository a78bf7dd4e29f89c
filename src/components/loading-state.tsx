import './states.css';

export interface LoadingStateProps {
  /** What is loading, e.g. "Loading log groups…". */
  label: string;
}

export function LoadingState({ label }: LoadingStateProps) {
  return (
    <div className="state state--loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
