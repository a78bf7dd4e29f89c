/**
 * The Anomalies view's state in the URL: the open anomaly, the kind shown and the score floor.
 * The time window belongs to the shell (range/from/to).
 */
import { ANOMALY_KINDS, type AnomalyKind } from '../../contract/schemas/anomalies.ts';

export interface AnomaliesState {
  /** The anomaly shown in the detail pane. */
  id: string | null;
  kind: AnomalyKind | null;
  minScore: number;
}

export const DEFAULT_MIN_SCORE = 50;

export function readAnomaliesState(params: URLSearchParams): AnomaliesState {
  const kind = params.get('kind');
  const minScore = Number(params.get('minScore') ?? DEFAULT_MIN_SCORE);
  const id = params.get('anomaly');
  return {
    id: id && id.length <= 600 ? id : null,
    kind: (ANOMALY_KINDS as readonly string[]).includes(kind ?? '') ? (kind as AnomalyKind) : null,
    minScore: Number.isInteger(minScore) && minScore >= 0 && minScore <= 100 ? minScore : DEFAULT_MIN_SCORE,
  };
}

export function writeAnomaliesState(params: URLSearchParams, patch: Partial<AnomaliesState>): URLSearchParams {
  const next = new URLSearchParams(params);
  const state = { ...readAnomaliesState(params), ...patch };
  const set = (key: string, value: string) => (value ? next.set(key, value) : next.delete(key));
  set('anomaly', state.id ?? '');
  set('kind', state.kind ?? '');
  set('minScore', state.minScore === DEFAULT_MIN_SCORE ? '' : String(state.minScore));
  return next;
}
