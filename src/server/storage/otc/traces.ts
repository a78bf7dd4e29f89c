/**
 * The audit-trail ports over CTS (`GET /v3/{project_id}/traces`). Lists page newest first by the
 * keyset (time, id) Vigil's cursors carry, with `id` a stable number derived from the trace id;
 * CTS is read through its `next` marker with what it can filter itself and the rest is decided
 * here. Timeline, facets and the actor list count the newest traces Vigil can read in a bounded
 * number of calls and say from when on the counts are exact (coveredFrom). Signals need Vigil's
 * own trace history and are not evaluated on CTS.
 */
import { createHash } from 'node:crypto';
import type { CtsTrace, TraceFacetName } from '../../../contract/index.ts';
import { TRACE_FACETS } from '../../../contract/index.ts';
import type { FacetsData, StoredTraceSummary, TimelineData, TimelineRequest, TraceCursor, TraceFilter, TracePage, TraceQueryPort, TraceRemoteInfo } from '../ports.ts';
import type { RegionClient } from './region-client.ts';
import type { RegionPool, Served } from './regions.ts';
import { ctsParams, matchesFilter, withoutFacet } from './trace-filter.ts';

const CTS_PAGE = 200;
/** Calls one list page may make before it hands out a cursor where it stopped. */
const LIST_CALLS = 10;
/** Traces read for a timeline, facets or the actor list. */
const AGGREGATE_TRACES = 4000;

const DAY_MS = 86_400_000;
/** CTS answers trace queries over the last 7 days only. */
export const CTS_QUERY_DAYS = 7;
export const CTS_LIMIT = `CTS answers trace queries over the last ${CTS_QUERY_DAYS} days only; older traces are in the tracker's OBS bucket or its LTS stream CTS/system-trace`;
/** A window computed a moment before this request ("the last 7 days") is not called cut for that moment. */
const REACH_TOLERANCE_MS = 60_000;

/** The part of the filter's window CTS can answer, and where it begins when the window began earlier. */
export function withinReach(filter: TraceFilter, now: number): { filter: TraceFilter; reachableFrom: number | null } {
  const horizon = now - CTS_QUERY_DAYS * DAY_MS;
  if (filter.from >= horizon) return { filter, reachableFrom: null };
  const reach = { ...filter, from: Math.min(horizon, filter.to) };
  return { filter: reach, reachableFrom: horizon - filter.from > REACH_TOLERANCE_MS ? horizon : null };
}

function remoteOf(served: Pick<Served<unknown>, 'region' | 'retried'>, reachableFrom: number | null): TraceRemoteInfo {
  return { region: served.region, retried: served.retried, reachableFrom, limit: reachableFrom === null ? null : CTS_LIMIT };
}

export function traceKeyId(traceId: string): number {
  return Number.parseInt(createHash('sha256').update(traceId).digest('hex').slice(0, 12), 16);
}

const before = (t: { time: number; id: number }, c: TraceCursor) => t.time < c.time || (t.time === c.time && t.id < c.id);

function summary(t: CtsTrace): StoredTraceSummary {
  const { request: _r, response: _s, message: _m, location_info: _l, endpoint: _e, resource_url: _u, record_time: _t, ...rest } = t;
  return rest;
}

/** Newest-first traces in [from, to) in CTS order, `max` calls at most; `last` is the oldest time read. */
async function* read(client: RegionClient, filter: TraceFilter, params: Record<string, string>, to: number): AsyncGenerator<CtsTrace[]> {
  let marker: string | null = null;
  do {
    const page: { traces: CtsTrace[]; marker: string | null } = await client.listTraces({
      ...params, from: String(filter.from), to: String(to), limit: String(CTS_PAGE), ...(marker ? { next: marker } : {}),
    });
    yield page.traces;
    marker = page.marker;
  } while (marker);
}

async function gather(client: RegionClient, filter: TraceFilter, push: boolean): Promise<{ traces: CtsTrace[]; coveredFrom: number | null }> {
  const traces: CtsTrace[] = [];
  let calls = 0;
  for await (const batch of read(client, filter, push ? ctsParams(filter) : {}, filter.to - 1)) {
    traces.push(...batch);
    if (++calls * CTS_PAGE >= AGGREGATE_TRACES && batch.length === CTS_PAGE) {
      const oldest = traces.reduce((min, t) => Math.min(min, t.time), Number.POSITIVE_INFINITY);
      // Traces at the oldest millisecond read may continue on the next page: count from the one after.
      return { traces: traces.filter((t) => t.time > oldest), coveredFrom: oldest + 1 };
    }
  }
  return { traces, coveredFrom: null };
}

export function otcTracePort(pool: RegionPool, now: () => number = Date.now): TraceQueryPort {
  return {
    async listTraces(asked, page): Promise<TracePage> {
      const { filter, reachableFrom } = withinReach(asked, now());
      if (filter.from >= filter.to) return { traces: [], next: null, remote: remoteOf({ region: pool.serving().name, retried: false }, reachableFrom) };
      const served = await pool.run(async (client) => {
        const to = Math.min(filter.to - 1, page.after ? page.after.time : Number.POSITIVE_INFINITY);
        const found: { t: CtsTrace; id: number }[] = [];
        let calls = 0;
        let oldestRead: number | null = null;
        let exhausted = true;
        for await (const batch of read(client, filter, ctsParams(filter), to)) {
          calls++;
          for (const t of batch) {
            oldestRead = t.time;
            const id = traceKeyId(t.trace_id);
            if ((page.after === null || before({ time: t.time, id }, page.after)) && matchesFilter(t, filter)) found.push({ t, id });
          }
          // Enough once `limit` matches are in and the read has moved past their last millisecond.
          const enough = found.length >= page.limit && oldestRead !== null && oldestRead < found[page.limit - 1]!.t.time;
          if (enough || (calls >= LIST_CALLS && batch.length > 0)) {
            exhausted = false;
            break;
          }
        }
        return { found, oldestRead, exhausted };
      });
      const { found, oldestRead, exhausted } = served.value;
      const remote = remoteOf(served, reachableFrom);
      found.sort((a, b) => b.t.time - a.t.time || b.id - a.id);
      // (Past the call budget, the last millisecond read may continue unread: fall through then.)
      if (found.length > page.limit && (exhausted || oldestRead === null || found[page.limit - 1]!.t.time > oldestRead)) {
        const taken = found.slice(0, page.limit);
        const last = taken[taken.length - 1]!;
        return { traces: taken.map((f) => summary(f.t)), next: { time: last.t.time, id: last.id }, remote };
      }
      if (exhausted || oldestRead === null) return { traces: found.map((f) => summary(f.t)), next: null, remote };
      // Stopped on the call budget: hand out what is complete, i.e. older than the last millisecond read.
      const complete = found.filter((f) => f.t.time > oldestRead);
      return { traces: complete.map((f) => summary(f.t)), next: { time: oldestRead, id: Number.MAX_SAFE_INTEGER }, remote };
    },

    async getTrace(traceId) {
      const served = await pool.run((client) => client.listTraces({ trace_id: traceId }));
      return served.value.traces.find((t) => t.trace_id === traceId) ?? null;
    },

    traceSignals() {
      return Promise.resolve({});
    },

    async timeline(asked: TimelineRequest): Promise<TimelineData> {
      const { filter, reachableFrom } = withinReach(asked.filter, now());
      const request = { ...asked, filter };
      const served = filter.from >= filter.to ? { value: { traces: [], coveredFrom: null }, region: pool.serving().name, retried: false } : await pool.run((client) => gather(client, filter, true));
      const { traces, coveredFrom } = served.value;
      const matching = traces.filter((t) => matchesFilter(t, request.filter)).sort((a, b) => a.time - b.time);
      const series = { normal: new Array<number>(request.bucketCount).fill(0), warning: new Array<number>(request.bucketCount).fill(0), incident: new Array<number>(request.bucketCount).fill(0) };
      for (const t of matching) {
        const index = Math.floor((t.time - request.bucketStart) / request.bucketMs);
        if (index >= 0 && index < request.bucketCount) series[t.trace_rating][index]!++;
      }
      const points =
        matching.length <= request.maxPoints
          ? matching.map((t) => ({ time: t.time, trace_id: t.trace_id, service_type: t.service_type, trace_name: t.trace_name, trace_rating: t.trace_rating, user: t.user.name, source_ip: t.source_ip }))
          : null;
      return { ...series, total: matching.length, points, coveredFrom, remote: remoteOf(served, reachableFrom) };
    },

    async facets(asked, top): Promise<FacetsData> {
      const { filter, reachableFrom } = withinReach(asked, now());
      const served = filter.from >= filter.to ? { value: { traces: [], coveredFrom: null }, region: pool.serving().name, retried: false } : await pool.run((client) => gather(client, filter, false));
      const { traces, coveredFrom } = served.value;
      const valueOf: Record<TraceFacetName, (t: CtsTrace) => string> = {
        user: (t) => t.user.name,
        source_ip: (t) => t.source_ip,
        service_type: (t) => t.service_type,
        trace_name: (t) => t.trace_name,
        resource_type: (t) => t.resource_type,
      };
      const facets = {} as FacetsData['facets'];
      for (const name of TRACE_FACETS) {
        const own = withoutFacet(filter, name);
        const counts = new Map<string, number>();
        for (const t of traces) if (matchesFilter(t, own)) counts.set(valueOf[name](t), (counts.get(valueOf[name](t)) ?? 0) + 1);
        const values = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, top).map(([value, count]) => ({ value, count }));
        facets[name] = { values, distinct: counts.size };
      }
      return { total: traces.filter((t) => matchesFilter(t, filter)).length, facets, coveredFrom, remote: remoteOf(served, reachableFrom) };
    },

    async actors() {
      const at = now();
      const week: TraceFilter = {
        from: at - CTS_QUERY_DAYS * DAY_MS, to: at + 1, serviceTypes: [], resourceTypes: [], traceNames: [], ratings: [], traceTypes: [], users: [], sourceIps: [],
        networks: [], resourceIds: [], resourceNames: [], texts: [], requestIds: [], codes: [], codeClasses: [],
      };
      const served = await pool.run((client) => gather(client, week, false));
      const users = new Set<string>();
      const sourceIps = new Set<string>();
      for (const t of served.value.traces) {
        if (t.user.name) users.add(t.user.name);
        if (t.source_ip) sourceIps.add(t.source_ip);
      }
      return { users: [...users].sort(), sourceIps: [...sourceIps].sort() };
    },
  };
}
