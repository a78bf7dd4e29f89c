import { severityOf } from './model.ts';

export function ScoreBadge({ score, muted = false }: { score: number; muted?: boolean }) {
  return (
    <span className={`score-badge score-badge--${severityOf(score)}${muted ? ' score-badge--muted' : ''}`} aria-label={`score ${score} of 100`}>
      {score}
    </span>
  );
}
