/**
 * Contract-shaped traces for this feature's tests: the seeded night sign-in and tracker deletion
 * in miniature. Times are fixed so rendered text is stable.
 */
import type { TraceDetail, TraceFacets, TraceSummary, TraceTimeline } from '../../contract/schemas/trace-query.ts';
import type { CtsTrace } from '../../contract/schemas/traces.ts';

export const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
export const INCIDENT_TIME = Date.UTC(2026, 10, 25, 3, 19, 52);

export function makeTrace(overrides: Partial<CtsTrace> = {}): CtsTrace {
  return {
    trace_id: 'trace-delete-tracker',
    trace_name: 'deleteTracker',
    trace_rating: 'incident',
    trace_type: 'ConsoleAction',
    service_type: 'CTS',
    resource_type: 'tracker',
    resource_id: 'tracker-4bb6',
    resource_name: 'system',
    user: { id: 'u-tobias', name: 'tobias.becker', domain: { id: 'd-1', name: 'OTC-EU-DE-0001' } },
    source_ip: '45.155.205.233',
    request: '{"tracker_name":"system"}',
    response: '',
    code: '204',
    message: '',
    time: INCIDENT_TIME,
    record_time: INCIDENT_TIME + 1000,
    request_id: 'req-be5a53ab',
    api_version: 'v3',
    endpoint: 'https://cts.eu-de.otc.t-systems.com',
    resource_url: '/v3/p/trackers?tracker_name=system',
    location_info: '',
    ...overrides,
  };
}

export function makeSummary(overrides: Partial<CtsTrace> = {}, signals: TraceSummary['signals'] = []): TraceSummary {
  const { request: _request, response: _response, message: _message, location_info: _location, endpoint: _endpoint, resource_url: _url, record_time: _recorded, ...summary } =
    makeTrace(overrides);
  return { ...summary, signals };
}

export const NEW_IP_SIGNAL: TraceSummary['signals'][number] = { kind: 'new_source_ip', first_seen: INCIDENT_TIME - 325_000, history_days: 28 };

export function makeDetail(trace: CtsTrace = makeTrace()): TraceDetail {
  return {
    trace,
    redactions: [],
    signals: [NEW_IP_SIGNAL],
    correlation: { query: `"${trace.resource_id}" OR "${trace.source_ip}"`, from: trace.time - 900_000, to: trace.time + 900_000 },
  };
}

export function makeTimeline(points: TraceTimeline['points'], overrides: Partial<TraceTimeline> = {}): TraceTimeline {
  const from = NOW - 7 * 86_400_000;
  return {
    from,
    to: NOW,
    bucket_ms: 7_200_000,
    buckets: [{ start: from, normal: points.filter((p) => p.trace_rating === 'normal').length, warning: 0, incident: points.filter((p) => p.trace_rating === 'incident').length }],
    total: points.length,
    detail: 'points',
    max_points: 1000,
    points,
    masked: false,
    ...overrides,
  };
}

export function makeFacets(overrides: Partial<TraceFacets['facets']> = {}): TraceFacets {
  const none = { values: [], distinct: 0 };
  return {
    from: NOW - 7 * 86_400_000,
    to: NOW,
    total: 2,
    facets: {
      user: { values: [{ value: 'tobias.becker', count: 2 }], distinct: 1 },
      source_ip: none,
      service_type: { values: [{ value: 'CTS', count: 1 }, { value: 'IAM', count: 1 }], distinct: 2 },
      trace_name: none,
      resource_type: none,
      ...overrides,
    },
  };
}
