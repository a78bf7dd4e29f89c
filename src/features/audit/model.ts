import type { TraceCorrelation } from '../../contract/schemas/trace-query.ts';
import type { CtsTrace, TraceRating } from '../../contract/schemas/traces.ts';
import { readTimeZone, writeTimeRange, writeTimeZone } from '../../lib/time-range/url.ts';
import { FACET_KEYS, emptyFilters, type AuditFilters, type QuickFilter } from './url.ts';

/** The filter parameters the trace list, timeline and facets take (CTS names), without the window. */
export interface TraceFilterQuery {
  service_type?: string[];
  resource_type?: string[];
  trace_name?: string[];
  trace_rating?: TraceRating[];
  trace_type?: ('ConsoleAction' | 'ApiCall' | 'SystemAction')[];
  user?: string[];
  source_ip?: string[];
  resource_id?: string[];
  resource_name?: string[];
  /** Part of the operation (trace_name) or the resource name, case-insensitive. */
  text?: string[];
  code?: string[];
}

type ListKey = keyof TraceFilterQuery;

/**
 * CTS has no "kind of operation" field, so "changes" are named: the IAM and KMS operations that
 * alter identities, permissions or keys. Sign-ins, sign-outs and the platform's own data-key use
 * (createDatakey, decryptDatakey) are left out on purpose: they are the bulk of IAM/KMS traffic and
 * change nothing.
 */
export const IAM_KMS_CHANGES: readonly string[] = [
  'createUser', 'updateUser', 'deleteUser', 'addUserToGroup', 'removeUserFromGroup',
  'createGroup', 'updateGroup', 'deleteGroup', 'createCredential', 'updateCredential', 'deleteCredential',
  'createAgency', 'updateAgency', 'deleteAgency', 'createRole', 'updateRole', 'deleteRole',
  'grantRoleToGroup', 'revokeRoleFromGroup', 'updateSecurityPolicies', 'updateLoginProtect',
  'createKey', 'enableKey', 'disableKey', 'scheduleKeyDeletion', 'cancelKeyDeletion',
  'updateKeyAlias', 'updateKeyDescription', 'createGrant', 'revokeGrant', 'retireGrant',
  'enableKeyRotation', 'disableKeyRotation', 'updateKeyRotationInterval', 'importKeyMaterial', 'deleteImportedKeyMaterial',
];

export interface QuickFilterInfo {
  label: string;
  description: string;
  query: TraceFilterQuery;
}

export const QUICK_FILTER_INFO: Record<QuickFilter, QuickFilterInfo> = {
  risky: {
    label: 'Warnings and incidents',
    description: 'Operations CTS rated warning or incident',
    query: { trace_rating: ['warning', 'incident'] },
  },
  'iam-kms': {
    label: 'IAM and KMS changes',
    description: 'Changes to users, groups, credentials, agencies, policies and keys (no sign-ins, no data-key use)',
    query: { service_type: ['IAM', 'KMS'], trace_name: [...IAM_KMS_CHANGES] },
  },
  failed: {
    label: 'Failed operations',
    description: 'Operations answered with a 4xx or 5xx status code',
    query: { code: ['4xx', '5xx'] },
  },
};

export type FilterResult = { ok: true; query: TraceFilterQuery } | { ok: false; conflict: string };

/**
 * Combines facet selections, the resource pivot, free text and quick filters into one query.
 * Where two sources restrict the same parameter both must hold, so the values are intersected;
 * an empty intersection cannot match anything and is reported instead of being sent (an empty
 * list would mean "no filter" to the server, the opposite of what the user asked for).
 */
export function toTraceQuery(filters: AuditFilters): FilterResult {
  const query: TraceFilterQuery = {};
  const sources: Partial<Record<ListKey, string>> = {};
  const add = (key: ListKey, values: readonly string[], source: string): string | null => {
    if (values.length === 0) return null;
    const current = query[key] as string[] | undefined;
    const next = current ? current.filter((value) => values.includes(value)) : [...values];
    if (next.length === 0) return `${sources[key]} and ${source} exclude each other.`;
    (query as Record<ListKey, string[]>)[key] = next;
    sources[key] ??= source;
    return null;
  };
  const steps: [ListKey, readonly string[], string][] = [
    ...FACET_KEYS.map((key): [ListKey, readonly string[], string] => [key, filters.facets[key], `The selected ${FACET_LABELS[key].plural}`]),
    ['resource_id', filters.resource ? [filters.resource] : [], `The resource ${filters.resource}`],
    ['text', filters.text.trim() ? [filters.text.trim()] : [], 'The operation or resource text'],
  ];
  for (const quick of filters.quick) {
    const info = QUICK_FILTER_INFO[quick];
    for (const [key, values] of Object.entries(info.query) as [ListKey, string[]][]) steps.push([key, values, `"${info.label}"`]);
  }
  for (const [key, values, source] of steps) {
    const conflict = add(key, values, source);
    if (conflict) return { ok: false, conflict };
  }
  return { ok: true, query };
}

export const FACET_LABELS: Record<(typeof FACET_KEYS)[number], { title: string; plural: string }> = {
  service_type: { title: 'Service', plural: 'services' },
  user: { title: 'User', plural: 'users' },
  source_ip: { title: 'Source IP', plural: 'source IPs' },
  trace_name: { title: 'Operation', plural: 'operations' },
  resource_type: { title: 'Resource type', plural: 'resource types' },
};

/** Toggles one value in a list, keeping the order in which values were chosen. */
export function toggleValue(values: readonly string[], value: string): string[] {
  return values.includes(value) ? values.filter((item) => item !== value) : [...values, value];
}

/** Pretty-prints a JSON body for reading; anything that is not JSON is shown as it is. */
export function prettyJson(text: string): { pretty: string; json: boolean } {
  if (text.trim() === '') return { pretty: '', json: false };
  try {
    return { pretty: JSON.stringify(JSON.parse(text), null, 2), json: true };
  } catch {
    return { pretty: text, json: false };
  }
}

export type Pivot = 'user' | 'source_ip' | 'resource';

/**
 * "Everything by this user / from this IP / on this resource": that one filter alone, so the
 * pivot shows the whole story and not just the part that matched the filters before.
 */
export function pivotFilters(pivot: Pivot, trace: Pick<CtsTrace, 'user' | 'source_ip' | 'resource_id' | 'resource_name'>): AuditFilters {
  const filters = emptyFilters();
  if (pivot === 'user') filters.facets.user = [trace.user.name];
  else if (pivot === 'source_ip') filters.facets.source_ip = [trace.source_ip];
  else filters.resource = trace.resource_id || trace.resource_name;
  return filters;
}

/**
 * The Search view's link for the logs around an operation (see features/search/url.ts): the
 * server's correlation query as `q`, its window as the shell's absolute range, the zone kept.
 */
export function logsAroundHref(correlation: TraceCorrelation, current: URLSearchParams): string {
  const params = writeTimeZone(
    writeTimeRange(new URLSearchParams({ q: correlation.query }), { kind: 'absolute', from: correlation.from, to: correlation.to }),
    readTimeZone(current),
  );
  return `/search?${params.toString()}`;
}

/** The next row for j/k, staying inside the list; from nothing active, both start at `start` (the first row on screen). */
export function stepIndex(current: number, step: 1 | -1, count: number, start = 0): number {
  if (count === 0) return -1;
  if (current < 0) return Math.min(count - 1, Math.max(0, start));
  return Math.min(count - 1, Math.max(0, current + step));
}
