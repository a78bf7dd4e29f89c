/**
 * Line search over LTS: one content query per stream, merged into one newest- (or oldest-) first
 * page. The position is the last line handed out (`line_num` and stream): the next page asks each
 * stream again for the window cut at that line's millisecond and drops what was already shown,
 * so paging has no gaps or repeats and fits in a small cursor (line-position.ts; a cursor from
 * another region restarts at its millisecond and leaves out what was shown). What LTS cannot express is applied
 * here (local-match.ts); a page then only hands out lines up to the point every stream was read.
 */
import type { FoundLine, LineSearchPage, LineSearchRequest, RemoteInfo } from '../ports.ts';
import { OtcError } from './errors.ts';
import { crossRegionStart, decodePosition, encodePosition, nextPosition, timeOfLineNum, type Key } from './line-position.ts';
import { compileKeywords } from './keywords.ts';
import { lineMatcher } from './local-match.ts';
import type { RegionClient, LtsLog } from './region-client.ts';
import type { RegionPool } from './regions.ts';
import { resolveStreams, type ScopedStream } from './streams.ts';

/**
 * Rows asked per stream and call (LTS allows 5,000 but answers at most 1 MB): a statement LTS
 * answers exactly needs about a page; one Vigil filters itself reads more per call.
 */
const EXACT_ROWS = 500;
const FILTERED_ROWS = 2000;
const MAX_ROUNDS = 4;

export { timeOfLineNum };

/** Order of lines across streams: by line_num, then by stream index. */
function cmp(a: Key, b: Key): number {
  return a.lineNum < b.lineNum ? -1 : a.lineNum > b.lineNum ? 1 : a.stream - b.stream;
}

export interface Fetched {
  key: Key;
  log: LtsLog;
}

export function emptyRemote(region: string): RemoteInfo {
  return { region, retried: false, localFilter: false, remoteLines: 0, throttled: null, incomplete: null };
}

export function noteThrottle(remote: RemoteInfo, error: OtcError, stream: string): void {
  const retryAt = Math.max(error.retryAt ?? 0, remote.throttled?.retryAt ?? 0);
  remote.throttled = { retryAt, streams: [...(remote.throttled?.streams ?? []), stream] };
}

/** One stream's lines strictly beyond `after` in page order, at most FETCH_ROWS of them (raw). */
async function fetchStream(
  client: RegionClient,
  stream: ScopedStream,
  index: number,
  request: LineSearchRequest,
  keywords: string,
  after: Key | null,
  rows: number,
  signal?: AbortSignal,
): Promise<{ lines: Fetched[]; full: boolean; complete: boolean }> {
  const newest = request.order === 'newest';
  let start = request.from;
  let end = request.to - 1; // LTS windows include end_time
  if (after) {
    const t = timeOfLineNum(after.lineNum);
    if (newest) end = Math.min(end, t);
    else start = Math.max(start, t);
  }
  if (end < start) return { lines: [], full: false, complete: true };
  const base = { start_time: String(start), end_time: String(end), is_desc: newest, limit: rows, highlight: false as const, ...(keywords ? { keywords } : {}) };
  const beyond = (k: Key) => after === null || (newest ? cmp(k, after) < 0 : cmp(k, after) > 0);
  let answer = await client.queryContent(stream.groupId, stream.streamId, { ...base, search_type: 'init' }, signal);
  let complete = answer.isQueryComplete;
  const lines: Fetched[] = [];
  for (let hop = 0; ; hop++) {
    const batch = answer.logs.map((log) => ({ key: { lineNum: log.line_num, stream: index }, log }));
    batch.sort((a, b) => (newest ? cmp(b.key, a.key) : cmp(a.key, b.key)));
    lines.push(...batch.filter((f) => beyond(f.key)));
    const full = answer.logs.length >= rows;
    // A whole batch at the cut millisecond, all already shown: page on with line_num.
    if (!full || lines.length > 0 || hop >= 3) return { lines, full, complete };
    const last = batch[batch.length - 1]!;
    answer = await client.queryContent(stream.groupId, stream.streamId, { ...base, search_type: newest ? 'forwards' : 'backwards', line_num: last.log.line_num }, signal);
    complete &&= answer.isQueryComplete;
  }
}

export function toFound(stream: ScopedStream, log: LtsLog): FoundLine {
  return {
    lineNum: log.line_num,
    time: timeOfLineNum(log.line_num),
    streamId: stream.id,
    streamName: stream.streamName,
    groupName: stream.groupName,
    content: log.content,
    labels: log.labels ?? {},
  };
}

export async function searchLines(pool: RegionPool, request: LineSearchRequest, signal?: AbortSignal): Promise<LineSearchPage> {
  const compiled = compileKeywords(request.query);
  const matches = lineMatcher(request.query);
  const newest = request.order === 'newest';
  const position = decodePosition(request.position);
  const page: FoundLine[] = [];
  let scanned = 0;
  let next: Key | null = null;
  const started = performance.now();
  const served = await pool.run(async (client) => {
    const remote = emptyRemote(client.name);
    remote.localFilter = !compiled.exact;
    const streams = await resolveStreams(client, request.streamIds);
    page.length = 0;
    scanned = 0;
    // Line numbers are per region: a position from another one restarts at its millisecond.
    const foreign = position !== null && position.region !== null && position.region !== client.name ? crossRegionStart(position, newest) : null;
    remote.cursorFrom = foreign && position ? { region: position.region!, time: timeOfLineNum(position.key.lineNum), mayRepeat: position.overflow } : null;
    const shown = foreign?.alreadyShown ?? (() => false);
    let cursor: Key | null = foreign ? foreign.key : (position?.key ?? null);
    const rows = compiled.exact ? EXACT_ROWS : FILTERED_ROWS;
    // A stream that returned less than it was asked for, all of it consumed, has nothing more: later rounds skip it.
    const exhausted = new Set<number>();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const results = await Promise.all(
        streams.map(async (stream, index) => {
          if (exhausted.has(index)) return null;
          try {
            return await fetchStream(client, stream, index, request, compiled.keywords, cursor, rows, signal);
          } catch (error) {
            if (error instanceof OtcError && error.kind === 'throttled') {
              noteThrottle(remote, error, stream.id);
              return null;
            }
            throw error;
          }
        }),
      );
      // Lines beyond the horizon may be preceded by unread lines of a stream that filled its batch.
      let horizon: Key | null = null;
      const candidates: Fetched[] = [];
      for (const result of results) {
        if (!result) continue;
        scanned += result.lines.length;
        if (!result.complete) remote.incomplete = 'LTS reported isQueryComplete=false';
        candidates.push(...result.lines);
        const last = result.lines[result.lines.length - 1];
        if (result.full && last && (horizon === null || (newest ? cmp(last.key, horizon) > 0 : cmp(last.key, horizon) < 0))) horizon = last.key;
      }
      candidates.sort((a, b) => (newest ? cmp(b.key, a.key) : cmp(a.key, b.key)));
      next = null;
      for (const item of candidates) {
        if (horizon && (newest ? cmp(item.key, horizon) < 0 : cmp(item.key, horizon) > 0)) {
          next = horizon;
          break;
        }
        if (!matches(item.log)) continue;
        const found = toFound(streams[item.key.stream]!, item.log);
        if (shown(found)) continue;
        page.push(found);
        if (page.length === request.limit) {
          next = item.key;
          break;
        }
      }
      if (next === null && horizon !== null && page.length < request.limit) next = horizon;
      results.forEach((result, index) => {
        if (!result || result.full) return;
        const last = result.lines[result.lines.length - 1];
        const stop: Key | null = next;
        if (!last || stop === null || (newest ? cmp(last.key, stop) >= 0 : cmp(last.key, stop) <= 0)) exhausted.add(index);
      });
      remote.remoteLines = scanned;
      if (next === null || page.length >= request.limit || performance.now() - started > request.budget.maxMs / 2) break;
      cursor = next;
    }
    return remote;
  });
  const remote = { ...served.value, region: served.region, retried: served.retried };
  const stopped = page.length < request.limit && next !== null;
  const lines = page.slice(0, request.limit);
  return {
    lines,
    next: next === null ? null : encodePosition(nextPosition(served.region, next, position, lines)),
    truncatedReason: stopped ? 'scan_limit' : null,
    scanned,
    total: null,
    remote,
  };
}
