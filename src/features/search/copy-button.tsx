import { useEffect, useState } from 'react';
import { Button } from '../../components/button.tsx';

export interface CopyButtonProps {
  /** The text to copy, computed on click (a link may depend on the moment). */
  text: () => string;
  children: string;
}

type Outcome = 'idle' | 'copied' | 'failed';

/** Copies text to the clipboard and says whether it worked (the browser can refuse). */
export function CopyButton({ text, children }: CopyButtonProps) {
  const [outcome, setOutcome] = useState<Outcome>('idle');
  useEffect(() => {
    if (outcome === 'idle') return;
    const timer = window.setTimeout(() => setOutcome('idle'), 2_000);
    return () => window.clearTimeout(timer);
  }, [outcome]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text());
      setOutcome('copied');
    } catch {
      setOutcome('failed');
    }
  };
  return (
    <Button onClick={() => void copy()}>
      {children}
      <span className="copy-outcome" aria-live="polite">
        {outcome === 'copied' ? ' ✓ copied' : outcome === 'failed' ? ' · copying was refused' : ''}
      </span>
    </Button>
  );
}
