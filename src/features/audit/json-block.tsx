import { useId, useState } from 'react';
import { prettyJson } from './model.ts';
import { CopyButton } from './copy-button.tsx';
import { VisibleText } from './visible-text.tsx';

export interface JsonBlockProps {
  title: string;
  /** The body as stored: usually JSON, shown as it is otherwise. */
  body: string;
  defaultOpen?: boolean;
}

/** A request or response body: collapsible, pretty-printed when it is JSON, copyable as stored. */
export function JsonBlock({ title, body, defaultOpen = true }: JsonBlockProps) {
  const [open, setOpen] = useState(defaultOpen);
  const id = useId();
  const { pretty, json } = prettyJson(body);
  return (
    <section className="json-block" aria-label={title}>
      <header className="json-block__header">
        <button type="button" className="json-block__toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
          <span className="json-block__chevron" aria-hidden="true" />
          {title}
          {body !== '' && !json && <span className="json-block__note">not JSON, shown as stored</span>}
        </button>
        {body !== '' && <CopyButton value={pretty} label={`Copy ${title.toLowerCase()}`} />}
      </header>
      {open && (
        <pre className="json-block__body" id={id}>
          {body === '' ? <span className="table__muted">empty</span> : <VisibleText value={pretty} multiline />}
        </pre>
      )}
    </section>
  );
}
