/**
 * Histogram, facets and context over LTS. A histogram whose query LTS can express comes from
 * LTS's keyword-count statistics (one call per stream, no lines transferred); otherwise, and for
 * facets, Vigil counts the newest lines it can read in one call per stream and says how far back
 * the counts reach. LTS reports no levels with its counts: those buckets count under no level.
 */
import type { ContextRequest, ContextResult, FacetCounts, FacetRequest, FacetResult, FoundLine, HistogramRequest, HistogramResult, RemoteInfo } from '../ports.ts';
import { fieldValue } from '../../search/fields.ts';
import { OtcError } from './errors.ts';
import { compileKeywords } from './keywords.ts';
import { lineMatcher } from './local-match.ts';
import type { RegionClient } from './region-client.ts';
import type { RegionPool } from './regions.ts';
import { emptyRemote, noteThrottle, timeOfLineNum, toFound } from './search-lines.ts';
import { resolveStreams, type ScopedStream } from './streams.ts';

/** Lines read per stream for locally computed counts. */
const SAMPLE_ROWS = 5000;
const DAY_MS = 86_400_000;

async function eachStream<T>(remote: RemoteInfo, streams: readonly ScopedStream[], read: (s: ScopedStream) => Promise<T>): Promise<(T | null)[]> {
  return Promise.all(
    streams.map(async (stream) => {
      try {
        return await read(stream);
      } catch (error) {
        if (error instanceof OtcError && error.kind === 'throttled') {
          noteThrottle(remote, error, stream.id);
          return null;
        }
        throw error;
      }
    }),
  );
}

/** The newest matching lines of each stream (one call each), and the time the sample reaches back to. */
async function sample(client: RegionClient, remote: RemoteInfo, request: HistogramRequest | FacetRequest, rows: number, signal?: AbortSignal) {
  const compiled = compileKeywords(request.query);
  const matches = lineMatcher(request.query);
  remote.localFilter = !compiled.exact;
  const streams = await resolveStreams(client, request.streamIds);
  const results = await eachStream(remote, streams, async (stream) => {
    const answer = await client.queryContent(
      stream.groupId,
      stream.streamId,
      { start_time: String(request.from), end_time: String(request.to - 1), is_desc: true, search_type: 'init', limit: rows, highlight: false, ...(compiled.keywords ? { keywords: compiled.keywords } : {}) },
      signal,
    );
    if (!answer.isQueryComplete) remote.incomplete = 'LTS reported isQueryComplete=false';
    remote.remoteLines += answer.logs.length;
    const lines = answer.logs.map((log) => toFound(stream, log));
    const oldest = lines.reduce((min, l) => Math.min(min, l.time), Number.POSITIVE_INFINITY);
    return { lines: lines.filter((l) => matches(l)), coveredFrom: answer.logs.length >= rows ? oldest : null };
  });
  const lines: FoundLine[] = [];
  let coveredFrom: number | null = null;
  for (const r of results) {
    if (!r) continue;
    lines.push(...r.lines);
    if (r.coveredFrom !== null) coveredFrom = Math.max(coveredFrom ?? Number.NEGATIVE_INFINITY, r.coveredFrom);
  }
  return { lines: coveredFrom === null ? lines : lines.filter((l) => l.time >= coveredFrom), coveredFrom };
}

export async function histogram(pool: RegionPool, request: HistogramRequest, signal?: AbortSignal): Promise<HistogramResult> {
  const compiled = compileKeywords(request.query);
  const served = await pool.run(async (client) => {
    const remote = emptyRemote(client.name);
    const counts = new Map<number, number>();
    const byLevel = new Map<number, Record<string, number>>();
    let coveredFrom: number | null = null;
    if (compiled.exact) {
      const streams = await resolveStreams(client, request.streamIds);
      const gridStart = Math.floor(request.from / request.bucketMs) * request.bucketMs;
      // keyword-count steps are at most a day; wider buckets are summed from daily steps.
      const step = request.bucketMs <= DAY_MS ? Math.max(1000, request.bucketMs) : DAY_MS;
      await eachStream(remote, streams, async (stream) => {
        const answer = await client.keywordCount(
          { start_time: String(Math.max(gridStart, request.from)), end_time: String(request.to - 1), step_interval: step, group_id: stream.groupId, stream_id: stream.streamId, key_word: compiled.keywords },
          signal,
        );
        if (!answer.isQueryComplete) remote.incomplete = 'LTS reported isQueryComplete=false';
        for (const bucket of answer.histogram) {
          if (!bucket.num) continue;
          const start = Math.floor(Number(bucket.startTime) / request.bucketMs) * request.bucketMs;
          counts.set(start, (counts.get(start) ?? 0) + Number(bucket.num));
        }
      });
      for (const [start, n] of counts) byLevel.set(start, { '': n });
    } else {
      const sampled = await sample(client, remote, request, SAMPLE_ROWS, signal);
      coveredFrom = sampled.coveredFrom;
      for (const line of sampled.lines) {
        const start = Math.floor(line.time / request.bucketMs) * request.bucketMs;
        const levels = byLevel.get(start) ?? {};
        const level = line.labels.level ?? '';
        levels[level] = (levels[level] ?? 0) + 1;
        byLevel.set(start, levels);
      }
    }
    return { remote, byLevel, coveredFrom };
  });
  const { remote, byLevel, coveredFrom } = served.value;
  const buckets = [...byLevel.entries()].sort((a, b) => a[0] - b[0]).map(([start, levels]) => ({ start, byLevel: levels }));
  const total = buckets.reduce((sum, b) => sum + Object.values(b.byLevel).reduce((a, n) => a + n, 0), 0);
  return {
    buckets,
    total,
    truncatedReason: coveredFrom === null ? null : 'scan_limit',
    coveredFrom,
    remote: { ...remote, region: served.region, retried: served.retried },
  };
}

export async function facets(pool: RegionPool, request: FacetRequest, signal?: AbortSignal): Promise<FacetResult> {
  const served = await pool.run(async (client) => {
    const remote = emptyRemote(client.name);
    const sampled = await sample(client, remote, request, Math.min(SAMPLE_ROWS, request.sampleLines), signal);
    return { remote, ...sampled };
  });
  const { remote, lines, coveredFrom } = served.value;
  lines.sort((a, b) => b.time - a.time);
  const counted = lines.slice(0, request.sampleLines);
  const result: FacetCounts[] = request.fields.map((field) => {
    const values = new Map<string, { count: number; group?: string }>();
    let missing = 0;
    for (const line of counted) {
      const value = field === 'stream' ? line.streamName : fieldValue(line.labels, line.content, field);
      if (value === null) {
        missing++;
        continue;
      }
      const key = field === 'stream' ? line.streamId : value;
      const entry = values.get(key) ?? { count: 0, ...(field === 'stream' ? { group: line.groupName } : {}) };
      entry.count++;
      values.set(key, entry);
    }
    const sorted = [...values.entries()].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
    const top = sorted.slice(0, request.top).map(([value, e]) => ({
      value: field === 'stream' ? value.slice(value.indexOf('/') + 1) : value,
      count: e.count,
      ...(e.group === undefined ? {} : { group: e.group }),
    }));
    const other = sorted.slice(request.top).reduce((sum, [, e]) => sum + e.count, 0);
    return { field, values: top, other, missing };
  });
  const cut = coveredFrom !== null || lines.length > counted.length;
  return {
    facets: result,
    lines: counted.length,
    oldestCounted: counted.length === 0 ? null : counted[counted.length - 1]!.time,
    truncatedReason: cut ? 'sample_limit' : null,
    remote: { ...remote, region: served.region, retried: served.retried },
  };
}

/** Remembers which stream recent lines came from: LTS line numbers do not name their stream. */
export class LineStreams {
  readonly #map = new Map<string, string>();
  readonly max: number;
  constructor(max = 50_000) {
    this.max = max;
  }
  note(lines: readonly FoundLine[]): void {
    for (const line of lines) {
      this.#map.delete(line.lineNum);
      this.#map.set(line.lineNum, line.streamId);
      if (this.#map.size > this.max) this.#map.delete(this.#map.keys().next().value!);
    }
  }
  get(lineNum: string): string | undefined {
    return this.#map.get(lineNum);
  }
}

export async function context(pool: RegionPool, known: LineStreams, request: ContextRequest): Promise<ContextResult | null> {
  const streamId = known.get(request.lineNum);
  // A line Vigil has not shown recently cannot be placed in a stream: LTS has no lookup by line_num.
  if (streamId === undefined) return null;
  const served = await pool.run(async (client) => {
    const [stream] = await resolveStreams(client, [streamId]);
    if (!stream) return null;
    const t = timeOfLineNum(request.lineNum);
    const base = { start_time: String(t - DAY_MS), end_time: String(t + DAY_MS), highlight: false as const, is_desc: true, line_num: request.lineNum };
    const [older, newer, self] = await Promise.all([
      client.queryContent(stream.groupId, stream.streamId, { ...base, search_type: 'forwards', limit: request.before + 1 }),
      client.queryContent(stream.groupId, stream.streamId, { ...base, search_type: 'backwards', limit: request.after + 1 }),
      client.queryContent(stream.groupId, stream.streamId, { start_time: String(t), end_time: String(t), is_desc: false, search_type: 'init', limit: 5000, highlight: false }),
    ]);
    const line = self.logs.find((l) => l.line_num === request.lineNum);
    if (!line) return null;
    const asc = (logs: typeof older.logs) => [...logs].sort((a, b) => (a.line_num < b.line_num ? -1 : 1)).map((l) => toFound(stream, l));
    const before = asc(older.logs);
    const after = asc(newer.logs);
    return {
      line: toFound(stream, line),
      before: before.slice(Math.max(0, before.length - request.before)),
      after: after.slice(0, request.after),
      moreBefore: before.length > request.before,
      moreAfter: after.length > request.after,
    };
  });
  return served.value;
}
