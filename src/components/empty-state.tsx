import type { ReactNode } from 'react';
import './states.css';

export interface EmptyStateProps {
  title: string;
  /** Why it is empty and what would fill it. */
  children?: ReactNode;
  /** 'notice' marks an empty result that needs the user's attention (e.g. sign-in needed). */
  tone?: 'neutral' | 'notice';
  action?: ReactNode;
}

export function EmptyState({ title, children, tone = 'neutral', action }: EmptyStateProps) {
  return (
    <div className={tone === 'notice' ? 'state state--notice' : 'state'}>
      <p className="state__title">{title}</p>
      {children !== undefined && <div className="state__hint">{children}</div>}
      {action}
    </div>
  );
}
