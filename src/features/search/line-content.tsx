import { Fragment, useMemo } from 'react';
import { segmentLine, type Highlight } from './line-text.ts';

export interface LineContentProps {
  content: string;
  highlights?: readonly Highlight[];
  /** Keep line breaks and tabs (expanded view); otherwise they show as symbols on one line. */
  multiline?: boolean;
  /** Show only the first this-many characters. */
  limit?: number;
}

const NONE: readonly Highlight[] = [];

/**
 * Log text as React text nodes: matches in `<mark>`, control and direction characters as visible
 * stand-ins. Nothing in the content can become markup, a link or a change of text direction.
 */
export function LineContent({ content, highlights = NONE, multiline = false, limit }: LineContentProps) {
  const segments = useMemo(() => segmentLine(content, highlights, { multiline, limit }), [content, highlights, multiline, limit]);
  return (
    <>
      {segments.map((segment, index) => {
        const text = segment.control ? (
          <span className="control-char" title={segment.control.title}>
            {segment.text}
          </span>
        ) : (
          segment.text
        );
        return segment.mark ? <mark key={index}>{text}</mark> : <Fragment key={index}>{text}</Fragment>;
      })}
    </>
  );
}
