import type { TraceRating } from '../../contract/schemas/traces.ts';

export type AdminTab = 'audit' | 'tokens' | 'ingest' | 'forwarders';

export interface AuditFilters {
  user: string;
  action: string;
  rating: TraceRating | '';
}

export interface AdminState {
  tab: AdminTab;
  filters: AuditFilters;
  /** The audit record shown in the detail pane (its seq). */
  selected: number | null;
}

const RATINGS: readonly string[] = ['normal', 'warning', 'incident'];
const TABS: readonly string[] = ['tokens', 'ingest', 'forwarders'];

export function readAdminState(params: URLSearchParams): AdminState {
  const selected = Number(params.get('record'));
  const rating = params.get('rating') ?? '';
  return {
    tab: TABS.includes(params.get('tab') ?? '') ? (params.get('tab') as AdminTab) : 'audit',
    filters: {
      user: params.get('user') ?? '',
      action: params.get('action') ?? '',
      rating: RATINGS.includes(rating) ? (rating as TraceRating) : '',
    },
    selected: Number.isSafeInteger(selected) && selected > 0 ? selected : null,
  };
}

export function writeAdminState(params: URLSearchParams, patch: Partial<AdminState>): URLSearchParams {
  const next = new URLSearchParams(params);
  const state = { ...readAdminState(params), ...patch };
  const set = (key: string, value: string) => (value ? next.set(key, value) : next.delete(key));
  set('tab', state.tab === 'audit' ? '' : state.tab);
  set('user', state.filters.user);
  set('action', state.filters.action);
  set('rating', state.filters.rating);
  set('record', state.selected === null ? '' : String(state.selected));
  return next;
}
