/** List order and keyset cursors for anomalies (pure). */
import type { Anomaly } from '../../../contract/index.ts';

export type AnomalySortKey = Pick<Anomaly, 'id' | 'start' | 'score' | 'deviation'>;

/** Newest first, or highest score first (ties: the larger deviation, then newest); id breaks ties. */
export function compareAnomalies(a: AnomalySortKey, b: AnomalySortKey, sort: 'time' | 'score'): number {
  const byTime = b.start - a.start;
  const byId = a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  if (sort === 'time') return byTime || byId;
  return b.score - a.score || Math.abs(b.deviation) - Math.abs(a.deviation) || byTime || byId;
}

export function encodeAnomalyCursor(a: AnomalySortKey): string {
  return Buffer.from(JSON.stringify([a.start, a.score, a.deviation, a.id])).toString('base64url');
}

export function decodeAnomalyCursor(cursor: string): AnomalySortKey | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 4) return null;
    const [start, score, deviation, id] = value as unknown[];
    if (typeof start !== 'number' || typeof score !== 'number' || typeof deviation !== 'number' || typeof id !== 'string') return null;
    return { start, score, deviation, id };
  } catch {
    return null;
  }
}
