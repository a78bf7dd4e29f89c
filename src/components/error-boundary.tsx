import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorState } from './error-state.tsx';

export interface ErrorBoundaryProps {
  children: ReactNode;
  /** When this value changes (e.g. the location), a shown error is cleared. */
  resetKey?: unknown;
  title?: string;
  /** Called on "Try again" before the children render again, e.g. to reset failed queries. */
  onReset?: () => void;
}

interface State {
  error: unknown;
  resetKey: unknown;
}

const NO_ERROR = Symbol('no error');

/**
 * Catches a view that throws while rendering, so one broken view leaves the header and navigation
 * usable. React only offers this as a class component.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  state: State = { error: NO_ERROR, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: State): Partial<State> | null {
    if (props.resetKey !== state.resetKey) return { error: NO_ERROR, resetKey: props.resetKey };
    return null;
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('View crashed', error, info.componentStack);
  }

  private readonly retry = () => {
    this.props.onReset?.();
    this.setState({ error: NO_ERROR });
  };

  render(): ReactNode {
    if (this.state.error === NO_ERROR) return this.props.children;
    return (
      <div className="page">
        <ErrorState title={this.props.title ?? 'This view stopped working'} error={this.state.error} onRetry={this.retry} />
      </div>
    );
  }
}
