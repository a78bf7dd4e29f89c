import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ChannelKind } from '../../contract/schemas/channels.ts';
import { notifyQueries } from './notify-api.ts';

/** What the channel would send for a sample alert, rendered by the server's own sender code. */
export function TemplatePreview({ kind, title, body }: { kind: ChannelKind; title: string; body: string }) {
  const [debounced, setDebounced] = useState({ kind, title, body });
  useEffect(() => {
    const timer = setTimeout(() => setDebounced({ kind, title, body }), 400);
    return () => clearTimeout(timer);
  }, [kind, title, body]);
  const preview = useQuery(notifyQueries.preview(debounced.kind, { title: debounced.title, body: debounced.body }));

  return (
    <section className="notify-preview" aria-label="Message preview">
      <h3>Preview (sample alert)</h3>
      {preview.isPending ? (
        <p className="notify-muted">Rendering…</p>
      ) : preview.isError ? (
        <p className="form-error">Preview not available: {preview.error.message}</p>
      ) : !preview.data.ok ? (
        <ul className="notify-template-errors" aria-label="Template errors">
          {preview.data.errors.map((e, i) => (
            <li key={i}>
              {e.field} at character {e.position + 1}: {e.message}
            </li>
          ))}
        </ul>
      ) : (
        <>
          <p className="notify-preview__title">{preview.data.title}</p>
          <pre className="notify-preview__body">{preview.data.body}</pre>
          <details>
            <summary>Exact payload sent</summary>
            <pre className="notify-preview__payload">{preview.data.payload}</pre>
          </details>
        </>
      )}
    </section>
  );
}
