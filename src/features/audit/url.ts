/**
 * The audit view's state in the URL, so every view of the trail is a shareable link. The header's
 * keys (range, from, to, tz) belong to the shell; the time window comes from there.
 */

export const FACET_KEYS = ['service_type', 'user', 'source_ip', 'trace_name', 'resource_type'] as const;
export type FacetKey = (typeof FACET_KEYS)[number];

export const QUICK_FILTERS = ['risky', 'iam-kms', 'failed'] as const;
export type QuickFilter = (typeof QUICK_FILTERS)[number];

export type LaneBy = 'service' | 'user';

export interface AuditFilters {
  /** Selected values per facet; values of one facet are alternatives, facets all apply. */
  facets: Record<FacetKey, string[]>;
  /** Part of a resource id: what "everything on this resource" pivots to. */
  resource: string;
  /** Part of an operation (trace name) or resource name, case-insensitive (`q` in the URL). */
  text: string;
  quick: QuickFilter[];
}

export interface AuditState {
  filters: AuditFilters;
  lanes: LaneBy;
  /** The trace open in the detail drawer. */
  trace: string | null;
}

/** Short, readable parameter names; a link like `?user=tobias.becker&quick=risky` explains itself. */
const FACET_PARAMS: Record<FacetKey, string> = {
  service_type: 'service',
  user: 'user',
  source_ip: 'ip',
  trace_name: 'operation',
  resource_type: 'resource_type',
};

// The contract allows 50 values per filter; more in a hand-edited link would only be refused.
const MAX_VALUES = 50;
const MAX_TEXT = 256;

export function emptyFilters(): AuditFilters {
  return {
    facets: { service_type: [], user: [], source_ip: [], trace_name: [], resource_type: [] },
    resource: '',
    text: '',
    quick: [],
  };
}

function readList(params: URLSearchParams, key: string): string[] {
  const values = params
    .getAll(key)
    .map((value) => value.trim())
    .filter((value) => value !== '' && value.length <= MAX_TEXT);
  return [...new Set(values)].slice(0, MAX_VALUES);
}

export function readAuditState(params: URLSearchParams): AuditState {
  const filters = emptyFilters();
  for (const key of FACET_KEYS) filters.facets[key] = readList(params, FACET_PARAMS[key]);
  filters.resource = (params.get('resource') ?? '').trim().slice(0, MAX_TEXT);
  filters.text = (params.get('q') ?? '').slice(0, MAX_TEXT);
  filters.quick = QUICK_FILTERS.filter((quick) => params.getAll('quick').includes(quick));
  const trace = params.get('trace');
  return {
    filters,
    lanes: params.get('lanes') === 'user' ? 'user' : 'service',
    trace: trace && trace.length <= 64 ? trace : null,
  };
}

/** A copy of `params` with `patch` applied; the header's keys and unknown keys are kept. */
export function writeAuditState(params: URLSearchParams, patch: Partial<AuditState>): URLSearchParams {
  const state = { ...readAuditState(params), ...patch };
  const next = new URLSearchParams(params);
  const setList = (key: string, values: readonly string[]) => {
    next.delete(key);
    for (const value of values) next.append(key, value);
  };
  const set = (key: string, value: string) => (value ? next.set(key, value) : next.delete(key));
  for (const key of FACET_KEYS) setList(FACET_PARAMS[key], state.filters.facets[key]);
  set('resource', state.filters.resource);
  set('q', state.filters.text.trim() === '' ? '' : state.filters.text);
  setList('quick', state.filters.quick);
  set('lanes', state.lanes === 'service' ? '' : state.lanes);
  set('trace', state.trace ?? '');
  return next;
}

export function hasFilters(filters: AuditFilters): boolean {
  return (
    FACET_KEYS.some((key) => filters.facets[key].length > 0) || filters.resource !== '' || filters.text.trim() !== '' || filters.quick.length > 0
  );
}
