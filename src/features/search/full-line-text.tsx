import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { formatCount } from '../../lib/format.ts';
import { LineContent } from './line-content.tsx';
import { formatBytes, utf8Length, type Highlight } from './line-text.ts';

/** More than this is laid out only on request: a 1 MB line would stall the page on every expand. */
export const EXPANDED_LIMIT = 20_000;

export interface FullLineTextProps {
  content: string;
  highlights?: readonly Highlight[];
  /** Names the text for screen readers, e.g. "Message". */
  label: string;
}

/** A line's whole content, wrapped, with an explicit "show all" for very long lines instead of a silent cut. */
export function FullLineText({ content, highlights, label }: FullLineTextProps) {
  const [all, setAll] = useState(false);
  const long = content.length > EXPANDED_LIMIT;
  return (
    <div className="full-line">
      <pre className="full-line__text" aria-label={label}>
        <LineContent content={content} highlights={highlights} multiline limit={long && !all ? EXPANDED_LIMIT : undefined} />
      </pre>
      {long && (
        <p className="full-line__cut">
          {all
            ? `Showing all ${formatCount(content.length)} characters.`
            : `Showing the first ${formatCount(EXPANDED_LIMIT)} of ${formatCount(content.length)} characters.`}{' '}
          <Button variant="ghost" onClick={() => setAll((value) => !value)}>
            {all ? 'Show less' : `Show all (${formatBytes(utf8Length(content))})`}
          </Button>
        </p>
      )}
    </div>
  );
}
