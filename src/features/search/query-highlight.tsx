import { useMemo, type ReactNode } from 'react';
import { highlightTokens, type QueryError } from '../../query/index.ts';

export interface QueryHighlightProps {
  text: string;
  error: QueryError | null;
}

/**
 * The coloured copy of the query drawn exactly behind the (transparent-text) input: same font,
 * padding and wrapping, so every token sits under its characters. An error span is underlined.
 * Decorative for assistive technology, which reads the input and the error message instead.
 */
export function QueryHighlight({ text, error }: QueryHighlightProps) {
  const parts = useMemo(() => {
    const nodes: ReactNode[] = [];
    let position = 0;
    for (const token of highlightTokens(text, error ?? undefined)) {
      if (token.start > position) nodes.push(text.slice(position, token.start));
      nodes.push(
        <span key={token.start} className={`tok tok--${token.kind}`}>
          {text.slice(token.start, token.end)}
        </span>,
      );
      position = token.end;
    }
    if (position < text.length) nodes.push(text.slice(position));
    // An error at the very end (a missing value) still needs a character to underline.
    if (error && error.position >= text.length) nodes.push(<span key="end" className="tok tok--error tok--missing">{' '}</span>);
    return nodes;
  }, [text, error]);
  return (
    <pre className="query-bar__highlight" aria-hidden="true">
      {parts}
      {/* A trailing line break would collapse; this keeps the box one line taller than an empty last line. */}
      {'\u200b'}
    </pre>
  );
}
