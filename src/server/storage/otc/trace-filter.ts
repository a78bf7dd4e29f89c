/**
 * The audit-trail filter applied to CTS traces in Vigil. CTS filters one value per field, exactly
 * (and names users by name); Vigil's filter has alternatives, substrings, networks and code
 * classes. `ctsParams` picks what CTS can narrow the read with, `matchesFilter` decides exactly.
 */
import type { CtsTrace } from '../../../contract/index.ts';
import { ipInCidr } from '../../../query/analyze.ts';
import type { TraceFilter } from '../ports.ts';

const lower = (s: string) => s.toLowerCase();

export function matchesFilter(t: CtsTrace, f: TraceFilter): boolean {
  if (t.time < f.from || t.time >= f.to) return false;
  const any = <T>(list: readonly T[], test: (v: T) => boolean) => list.length === 0 || list.some(test);
  return (
    any(f.serviceTypes, (v) => v === t.service_type) &&
    any(f.resourceTypes, (v) => v === t.resource_type) &&
    any(f.traceNames, (v) => v === t.trace_name) &&
    any(f.ratings, (v) => v === t.trace_rating) &&
    any(f.traceTypes, (v) => v === t.trace_type) &&
    any(f.users, (v) => v === t.user.name || v === t.user.id) &&
    (f.sourceIps.length === 0 && f.networks.length === 0
      ? true
      : f.sourceIps.includes(t.source_ip) || f.networks.some((n) => t.source_ip !== '' && ipInCidr(t.source_ip, n.address, n.prefixLength))) &&
    any(f.resourceIds, (v) => lower(t.resource_id).includes(lower(v))) &&
    any(f.resourceNames, (v) => lower(t.resource_name).includes(lower(v))) &&
    f.texts.every((v) => lower(t.trace_name).includes(lower(v)) || lower(t.resource_name).includes(lower(v))) &&
    any(f.requestIds, (v) => v === t.request_id) &&
    (f.codes.length === 0 && f.codeClasses.length === 0 ? true : f.codes.includes(t.code) || f.codeClasses.some((c) => t.code.startsWith(String(c)) && t.code.length === 3))
  );
}

/** Query parameters CTS can apply itself: single values of exact fields. Users only by name. */
export function ctsParams(f: TraceFilter): Record<string, string> {
  const params: Record<string, string> = {};
  const one = (list: readonly string[], name: string) => {
    if (list.length === 1) params[name] = list[0]!;
  };
  one(f.serviceTypes, 'service_type');
  one(f.resourceTypes, 'resource_type');
  one(f.traceNames, 'trace_name');
  one(f.ratings, 'trace_rating');
  // A 32-hex value is more likely a user id, which CTS's `user` (a name) would not find.
  if (f.users.length === 1 && !/^[0-9a-f]{32}$/i.test(f.users[0]!)) params.user = f.users[0]!;
  return params;
}

/** The filter without one facet's own condition (facets count every filter but their own). */
export function withoutFacet(f: TraceFilter, facet: 'user' | 'source_ip' | 'service_type' | 'trace_name' | 'resource_type'): TraceFilter {
  switch (facet) {
    case 'user':
      return { ...f, users: [] };
    case 'source_ip':
      return { ...f, sourceIps: [], networks: [] };
    case 'service_type':
      return { ...f, serviceTypes: [] };
    case 'trace_name':
      return { ...f, traceNames: [] };
    case 'resource_type':
      return { ...f, resourceTypes: [] };
  }
}
