/**
 * The audit-trail explorer over CTS traces: list, detail, timeline and facets. Managers reach
 * only the timeline, and see it masked: points carry pseudonyms instead of users and addresses, and
 * personal filters work only by pseudonym (a manager must not be able to check what a named person
 * did).
 */
import type { Role, TraceTimeline } from '../../contract/index.ts';
import type { FeatureHandlers, RequestContext } from '../http/handlers.ts';
import { HttpError } from '../http/http-error.ts';
import type { FacetsData, SearchableStore, TraceFilter, TracePage, TraceRemoteInfo } from '../storage/ports.ts';
import { bucketGrid } from '../traces/buckets.ts';
import { correlationFor } from '../traces/correlation.ts';
import { decodeCursor, encodeCursor } from '../traces/cursor.ts';
import { describeFilter, toTraceFilter } from '../traces/filter.ts';
import { isPseudonym, resolvePseudonyms, type Pseudonymizer } from '../traces/pseudonyms.ts';
import { redactTrace } from '../traces/redact.ts';

/** The remote store's note in the API's naming (absent for the embedded store). */
const remoteOf = (remote: TraceRemoteInfo | undefined) =>
  remote ? { remote: { region: remote.region, retried: remote.retried, reachable_from: remote.reachableFrom, limit: remote.limit } } : {};

/** Individual points are sent when at most this many traces match; more are drawn as counts. */
export const MAX_TIMELINE_POINTS = 1_000;

export interface TraceRouteDeps {
  store: SearchableStore;
  pseudonyms: Pseudonymizer;
  now: () => number;
}

const UNMASKED_ROLES: readonly Role[] = ['analyst', 'admin'];

function seesPersonalData(ctx: RequestContext): boolean {
  return ctx.principal?.roles.some((role) => UNMASKED_ROLES.includes(role)) ?? false;
}

/** Managers filter by pseudonyms only; anything naming a person or their resources is refused. */
function assertMaskedFilter(filter: TraceFilter, ctx: RequestContext): void {
  const personal = [
    ...filter.users.filter((value) => !isPseudonym('user', value)).map(() => 'user'),
    ...filter.sourceIps.filter((value) => !isPseudonym('ip', value)).map(() => 'source_ip'),
    ...filter.networks.map(() => 'source_ip'),
    ...(filter.resourceIds.length > 0 ? ['resource_id'] : []),
    ...(filter.resourceNames.length > 0 ? ['resource_name'] : []),
    // Free text searches resource names too, so it would reveal what resource_name is refused for.
    ...(filter.texts.length > 0 ? ['text'] : []),
    ...(filter.requestIds.length > 0 ? ['request_id'] : []),
  ];
  if (personal.length === 0) return;
  const fields = [...new Set(personal)];
  const error = new HttpError(
    'forbidden',
    `filtering by ${fields.join(', ')} needs the analyst or admin role; with masked data, filter by user-… and ip-… pseudonyms`,
    { reason: 'personal_data_filter', fields },
  );
  ctx.audit({ action: 'refusedRequest', resource: { type: 'endpoint', name: 'GET /api/traces/timeline' }, code: 403, message: error.message, request: { reason: 'personal_data_filter', fields } });
  throw error;
}

export function traceRoutes({ store, pseudonyms, now }: TraceRouteDeps): FeatureHandlers<'listTraces' | 'getTrace' | 'traceTimeline' | 'traceFacets'> {
  const resolve = (filter: TraceFilter) => resolvePseudonyms(filter, pseudonyms, () => store.traces.actors());

  return {
    listTraces: async ({ query }, ctx) => {
      const after = query.cursor === undefined ? null : decodeCursor(query.cursor);
      const asked = toTraceFilter(query, now());
      const { filter, matchesNothing } = await resolve(asked);
      const page: TracePage = matchesNothing ? { traces: [], next: null } : await store.traces.listTraces(filter, { limit: query.limit, after });
      const signals = page.traces.length > 0 ? await store.traces.traceSignals(page.traces.map((t) => t.trace_id)) : {};
      // What was searched, never what was found.
      ctx.audit({
        action: 'searchTraces',
        resource: { type: 'traces' },
        code: 200,
        request: { ...describeFilter(asked), limit: query.limit, nextPage: after !== null },
      });
      return {
        from: filter.from,
        to: filter.to,
        traces: page.traces.map((trace) => ({ ...trace, signals: signals[trace.trace_id] ?? [] })),
        cursor: page.next ? encodeCursor(page.next) : null,
        complete: page.next === null && (page.remote?.reachableFrom ?? null) === null,
        ...remoteOf(page.remote),
      };
    },

    getTrace: async ({ params }, ctx) => {
      const stored = await store.traces.getTrace(params.traceId);
      ctx.audit({ action: 'viewTrace', resource: { type: 'trace', id: params.traceId }, code: stored ? 200 : 404 });
      if (!stored) throw new HttpError('not_found', `no trace ${params.traceId}`);
      const { trace, redactions } = redactTrace(stored);
      const signals = (await store.traces.traceSignals([stored.trace_id]))[stored.trace_id] ?? [];
      return { trace, redactions, signals, correlation: correlationFor(stored) };
    },

    traceTimeline: async ({ query }, ctx) => {
      const masked = !seesPersonalData(ctx);
      const asked = toTraceFilter(query, now());
      if (masked) assertMaskedFilter(asked, ctx);
      const { filter, matchesNothing } = await resolve(asked);
      const grid = bucketGrid(filter.from, filter.to);
      const data = matchesNothing
        ? null
        : await store.traces.timeline({ filter, bucketStart: grid.start, bucketMs: grid.width, bucketCount: grid.count, maxPoints: MAX_TIMELINE_POINTS });
      const count = (series: number[] | undefined, k: number) => series?.[k] ?? 0;
      // Masked callers get stable pseudonyms: they can tell people apart without knowing them.
      const points: TraceTimeline['points'] = (data?.points ?? []).map(({ user, source_ip, ...point }) =>
        masked ? { ...point, user: pseudonyms.user(user), source_ip: pseudonyms.ip(source_ip) } : { ...point, user, source_ip },
      );
      return {
        from: filter.from,
        to: filter.to,
        bucket_ms: grid.width,
        buckets: Array.from({ length: grid.count }, (_, k) => ({
          start: grid.start + k * grid.width,
          normal: count(data?.normal, k),
          warning: count(data?.warning, k),
          incident: count(data?.incident, k),
        })),
        total: data?.total ?? 0,
        detail: data === null || data.points !== null ? 'points' : 'counts',
        max_points: MAX_TIMELINE_POINTS,
        points,
        masked,
        covered_from: data?.coveredFrom ?? null,
        ...remoteOf(data?.remote),
      };
    },

    traceFacets: async ({ query }) => {
      const { filter, matchesNothing } = await resolve(toTraceFilter(query, now()));
      const empty = { values: [], distinct: 0 };
      const result: FacetsData = matchesNothing
        ? { total: 0, facets: { user: empty, source_ip: empty, service_type: empty, trace_name: empty, resource_type: empty }, coveredFrom: null }
        : await store.traces.facets(filter, query.top);
      return { from: filter.from, to: filter.to, total: result.total, facets: result.facets, covered_from: result.coveredFrom, ...remoteOf(result.remote) };
    },
  };
}
