import { useEffect, useState } from 'react';
import { Button } from '../../components/button.tsx';

export interface CopyButtonProps {
  value: string;
  /** What is copied, for screen readers: "Copy request". */
  label: string;
}

type CopyStatus = 'idle' | 'copied' | 'failed';

/** Copies text to the clipboard and says for a moment whether it worked. */
export function CopyButton({ value, label }: CopyButtonProps) {
  const [status, setStatus] = useState<CopyStatus>('idle');
  useEffect(() => {
    if (status === 'idle') return;
    const timer = window.setTimeout(() => setStatus('idle'), 1600);
    return () => window.clearTimeout(timer);
  }, [status]);
  const copy = async () => {
    try {
      // The clipboard API exists only in secure contexts (https or localhost).
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setStatus('copied');
    } catch {
      setStatus('failed');
    }
  };
  return (
    <Button variant="ghost" className="copy-button" aria-label={label} onClick={() => void copy()}>
      <span aria-live="polite">{status === 'copied' ? 'Copied' : status === 'failed' ? 'Copy failed' : 'Copy'}</span>
    </Button>
  );
}
