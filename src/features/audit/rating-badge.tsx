import type { TraceRating } from '../../contract/schemas/traces.ts';

const TONE: Record<TraceRating, string> = { normal: 'badge--muted', warning: 'badge--warning', incident: 'badge--danger' };

export function RatingBadge({ rating }: { rating: TraceRating }) {
  return <span className={`badge ${TONE[rating]}`}>{rating}</span>;
}
