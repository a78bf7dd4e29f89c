/**
 * Turns the validated query parameters (CTS names) into the store's TraceFilter: default time
 * range, source addresses split into exact ones and networks, codes into exact ones and classes.
 */
import type { CtsTrace, TraceRating } from '../../contract/index.ts';
import { HttpError } from '../http/http-error.ts';
import type { TraceFilter } from '../storage/ports.ts';
import { parseNetwork } from './cidr.ts';

export const DEFAULT_RANGE_MS = 7 * 86_400_000;

/** The filter fields of the list, timeline and facets queries after validation. */
export interface TraceFilterInput {
  from?: number;
  to?: number;
  service_type?: string[];
  resource_type?: string[];
  trace_name?: string[];
  trace_rating?: TraceRating[];
  trace_type?: CtsTrace['trace_type'][];
  user?: string[];
  source_ip?: string[];
  resource_id?: string[];
  resource_name?: string[];
  text?: string[];
  request_id?: string[];
  code?: string[];
}

const unique = <T>(values: readonly T[] | undefined): T[] => [...new Set(values ?? [])];

export function toTraceFilter(input: TraceFilterInput, now: number): TraceFilter {
  const to = input.to ?? (input.from !== undefined ? Math.max(now, input.from + 1) : now);
  const from = input.from ?? to - DEFAULT_RANGE_MS;
  if (from >= to) {
    throw new HttpError('validation_failed', 'invalid query: from must be before to', {
      issues: [{ path: 'query.from', message: 'must be before to' }],
    });
  }
  const sourceIps: string[] = [];
  const networks: TraceFilter['networks'] = [];
  for (const value of unique(input.source_ip)) {
    const network = value.includes('/') ? parseNetwork(value) : null;
    if (network) networks.push(network);
    else sourceIps.push(value);
  }
  const codes: string[] = [];
  const codeClasses: number[] = [];
  for (const code of unique(input.code)) {
    if (code.endsWith('xx')) codeClasses.push(Number(code[0]));
    else codes.push(code);
  }
  return {
    from,
    to,
    serviceTypes: unique(input.service_type),
    resourceTypes: unique(input.resource_type),
    traceNames: unique(input.trace_name),
    ratings: unique(input.trace_rating),
    traceTypes: unique(input.trace_type),
    users: unique(input.user),
    sourceIps,
    networks,
    resourceIds: unique(input.resource_id),
    resourceNames: unique(input.resource_name),
    texts: unique(input.text),
    requestIds: unique(input.request_id),
    codes,
    codeClasses: unique(codeClasses),
  };
}

/** The filter as query parameters, for the audit record of a search (never results). */
export function describeFilter(filter: TraceFilter): Record<string, unknown> {
  const described: Record<string, unknown> = { from: filter.from, to: filter.to };
  const add = (name: string, values: readonly unknown[]) => {
    if (values.length > 0) described[name] = values;
  };
  add('service_type', filter.serviceTypes);
  add('resource_type', filter.resourceTypes);
  add('trace_name', filter.traceNames);
  add('trace_rating', filter.ratings);
  add('trace_type', filter.traceTypes);
  add('user', filter.users);
  add('source_ip', [...filter.sourceIps, ...filter.networks.map((n) => `${n.address}/${n.prefixLength}`)]);
  add('resource_id', filter.resourceIds);
  add('resource_name', filter.resourceNames);
  add('text', filter.texts);
  add('request_id', filter.requestIds);
  add('code', [...filter.codes, ...filter.codeClasses.map((c) => `${c}xx`)]);
  return described;
}
