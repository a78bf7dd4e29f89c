import { useId, type ReactNode } from 'react';
import './panel.css';

export interface PanelProps {
  title: string;
  /** Short facts beside the title, e.g. a count. */
  meta?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}

/** A titled section of a page; the title names the region for screen readers. */
export function Panel({ title, meta, actions, children }: PanelProps) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <header className="panel__header">
        <h2 className="panel__title" id={id}>
          {title}
        </h2>
        {meta !== undefined && <span className="panel__meta">{meta}</span>}
        {actions !== undefined && <div className="panel__actions">{actions}</div>}
      </header>
      <div className="panel__body">{children}</div>
    </section>
  );
}
