/**
 * The Anomalies view's state in the URL: the open anomaly, the kind shown, the score floor and
 * how far back "what changed before" looks. The time window belongs to the shell (range/from/to).
 */
import { ANOMALY_KINDS, type AnomalyKind } from '../../contract/schemas/anomalies.ts';

export interface AnomaliesState {
  /** The anomaly shown in the detail pane. */
  id: string | null;
  kind: AnomalyKind | null;
  minScore: number;
  /** Minutes before the anomaly whose CTS changes are listed (the API takes 5-1440). */
  changesWindow: number;
}

export const DEFAULT_MIN_SCORE = 50;
export const DEFAULT_CHANGES_WINDOW = 60;
/** The choices offered; any other whole number of minutes the API accepts works from a link. */
export const CHANGES_WINDOWS = [15, 30, 60, 120, 240, 720, 1440] as const;

export function readAnomaliesState(params: URLSearchParams): AnomaliesState {
  const kind = params.get('kind');
  const minScore = Number(params.get('minScore') ?? DEFAULT_MIN_SCORE);
  const id = params.get('anomaly');
  const changesWindow = Number(params.get('changes') ?? DEFAULT_CHANGES_WINDOW);
  return {
    id: id && id.length <= 600 ? id : null,
    kind: (ANOMALY_KINDS as readonly string[]).includes(kind ?? '') ? (kind as AnomalyKind) : null,
    minScore: Number.isInteger(minScore) && minScore >= 0 && minScore <= 100 ? minScore : DEFAULT_MIN_SCORE,
    changesWindow: Number.isInteger(changesWindow) && changesWindow >= 5 && changesWindow <= 1440 ? changesWindow : DEFAULT_CHANGES_WINDOW,
  };
}

export function writeAnomaliesState(params: URLSearchParams, patch: Partial<AnomaliesState>): URLSearchParams {
  const next = new URLSearchParams(params);
  const state = { ...readAnomaliesState(params), ...patch };
  const set = (key: string, value: string) => (value ? next.set(key, value) : next.delete(key));
  set('anomaly', state.id ?? '');
  set('kind', state.kind ?? '');
  set('minScore', state.minScore === DEFAULT_MIN_SCORE ? '' : String(state.minScore));
  set('changes', state.changesWindow === DEFAULT_CHANGES_WINDOW ? '' : String(state.changesWindow));
  return next;
}
