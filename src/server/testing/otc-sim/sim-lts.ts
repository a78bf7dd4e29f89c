/**
 * The simulator's LTS endpoints (groups, streams, content query, keyword-count), answering as the
 * LTS API reference describes, including its error bodies (`{"error_code":"LTS.xxxx","error_msg"}`).
 */
import { KeywordError, keywordMatcher } from './lts-keywords.ts';
import type { MemoryTenant, SimLine, SimStream } from './memory-tenant.ts';

export interface SimReply {
  status: number;
  body: unknown;
}

const MAX_ROWS = 5000;
/** LTS returns at most 1 MB per API query (per account). */
export const MAX_RESPONSE_BYTES = 1_000_000;
const MAX_SPAN_MS = 180 * 86_400_000;

export const ltsError = (status: number, code: string, msg: string): SimReply => ({ status, body: { error_code: code, error_msg: msg } });

function findStream(tenant: MemoryTenant, groupId: string, streamId: string): SimStream | SimReply {
  const group = tenant.groups.find((g) => g.id === groupId);
  if (!group) return ltsError(404, 'LTS.0201', 'The log group does not exist');
  const stream = group.streams.find((s) => s.id === streamId);
  if (!stream) return ltsError(404, 'LTS.0208', 'The log stream does not exist');
  return stream;
}

export function listGroups(tenant: MemoryTenant): SimReply {
  return {
    status: 200,
    body: {
      log_groups: tenant.groups.map((g) => ({ log_group_id: g.id, log_group_name: g.name, ttl_in_days: g.ttlInDays, creation_time: g.creationTime, tag: g.tags })),
    },
  };
}

export function listStreams(tenant: MemoryTenant, groupId: string): SimReply {
  const group = tenant.groups.find((g) => g.id === groupId);
  if (!group) return ltsError(404, 'LTS.0201', 'The log group does not exist');
  return {
    status: 200,
    body: {
      log_streams: group.streams.map((s) => ({
        log_stream_id: s.id,
        log_stream_name: s.name,
        creation_time: s.creationTime,
        tag: s.tags,
        filter_count: 0,
        is_favorite: false,
        ...(s.ttlInDays === null ? {} : { ttl_in_days: s.ttlInDays }),
      })),
    },
  };
}

function timeField(value: unknown): number | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/** First index with time >= t. */
function lowerBound(lines: readonly SimLine[], t: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid]!.time < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function indexOfLineNum(lines: readonly SimLine[], lineNum: string): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid]!.lineNum < lineNum) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type Matcher = (line: SimLine) => boolean;

function matcherOf(body: Record<string, unknown>): Matcher | SimReply {
  const keywords = typeof body.keywords === 'string' ? body.keywords : '';
  const labels = body.labels && typeof body.labels === 'object' ? (body.labels as Record<string, unknown>) : {};
  let byKeywords: Matcher;
  try {
    byKeywords = keywordMatcher(keywords);
  } catch (error) {
    if (error instanceof KeywordError) return ltsError(400, error.code, error.message);
    throw error;
  }
  const wanted = Object.entries(labels).map(([k, v]) => [k, String(v)] as const);
  return (line) => wanted.every(([k, v]) => line.labels[k] === v) && byKeywords(line);
}

/**
 * Line numbers as a region shows them. Each region numbers its replica's lines itself; a
 * simulator given a salt shifts the sub-millisecond part per stream (order within a stream and the
 * millisecond stay), so tests see different numbers for the same line in two regions.
 */
export function lineNumShift(salt: string | undefined, streamId: string): bigint {
  if (!salt) return 0n;
  let h = 0;
  for (const c of `${salt}:${streamId}`) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return BigInt((h % 900) * 1000 + 1000);
}

const shifted = (lineNum: string, by: bigint) => (BigInt(lineNum) + by).toString().padStart(19, '0');

export function queryContent(tenant: MemoryTenant, groupId: string, streamId: string, body: Record<string, unknown>, salt?: string): SimReply {
  const shift = lineNumShift(salt, streamId);
  const stream = findStream(tenant, groupId, streamId);
  if ('status' in stream) return stream;
  const start = timeField(body.start_time);
  const end = timeField(body.end_time);
  if (start === null || end === null || end < start) return ltsError(400, 'LTS.0009', 'start_time and end_time are required (ms)');
  if (end - start > MAX_SPAN_MS) return ltsError(400, 'LTS.0009', 'The time range must not exceed 180 days');
  const limit = body.limit === undefined ? 50 : Number(body.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ROWS) return ltsError(400, 'LTS.0009', `limit must be 1-${MAX_ROWS}`);
  const searchType = body.search_type ?? 'init';
  if (searchType !== 'init' && searchType !== 'forwards' && searchType !== 'backwards') return ltsError(400, 'LTS.0009', 'invalid search_type');
  const isDesc = body.is_desc === true;
  const match = matcherOf(body);
  if ('status' in match) return match;

  const lines = stream.lines;
  const lo = lowerBound(lines, start);
  const hi = lowerBound(lines, end + 1); // end_time inclusive
  let from = lo;
  let to = hi;
  let newerSide: boolean; // which end of [from, to) the page is taken from
  if (searchType === 'init') newerSide = isDesc;
  else {
    const given = typeof body.line_num === 'string' ? body.line_num : '';
    if (!/^\d{19}$/.test(given)) return ltsError(400, 'LTS.0009', 'line_num is required when paging');
    const anchor = shifted(given, -shift);
    const at = indexOfLineNum(lines, anchor);
    if (lines[at]?.lineNum !== anchor || at < lo || at >= hi) return ltsError(400, 'LTS.0009', 'line_num must be a log event inside the time range');
    // Per the reference's example table: backwards = newer than the anchor, forwards = older.
    if (searchType === 'backwards') {
      from = at + 1;
      newerSide = false;
    } else {
      to = at;
      newerSide = true;
    }
  }
  const picked: SimLine[] = [];
  if (newerSide) {
    for (let i = to - 1; i >= from && picked.length < limit; i--) if (match(lines[i]!)) picked.push(lines[i]!);
  } else {
    for (let i = from; i < to && picked.length < limit; i++) if (match(lines[i]!)) picked.push(lines[i]!);
  }
  // Output order as in the example table: init follows is_desc; paging pages come ascending when
  // is_desc is true and descending when it is false.
  const ascending = searchType === 'init' ? !isDesc : isDesc;
  picked.sort((a, b) => (a.lineNum < b.lineNum ? -1 : 1));
  if (!ascending) picked.reverse();

  let complete = true;
  let size = 64;
  const logs = [];
  for (const line of picked) {
    const item = { content: line.content, line_num: shift === 0n ? line.lineNum : shifted(line.lineNum, shift), labels: line.labels };
    size += JSON.stringify(item).length + 1;
    if (size > MAX_RESPONSE_BYTES) {
      complete = false;
      break;
    }
    logs.push(item);
  }
  let count = logs.length;
  if (body.is_count === true) {
    count = 0;
    for (let i = lo; i < hi; i++) if (match(lines[i]!)) count++;
  }
  return { status: 200, body: { count, logs, isQueryComplete: complete } };
}

export function keywordCount(tenant: MemoryTenant, body: Record<string, unknown>): SimReply {
  const start = timeField(body.start_time);
  const end = timeField(body.end_time);
  const step = Number(body.step_interval);
  if (start === null || end === null || end < start) return ltsError(400, 'LTS.0009', 'start_time and end_time are required (ms)');
  if (!Number.isInteger(step) || step < 1000 || step > 86_400_000) return ltsError(400, 'LTS.0009', 'step_interval must be between 1000 and 86400000');
  if ((end - start) / step > 10_000) return ltsError(400, 'LTS.0009', 'too many buckets');
  if (typeof body.key_word !== 'string') return ltsError(400, 'LTS.0009', 'key_word is required');
  const stream = findStream(tenant, String(body.group_id ?? ''), String(body.stream_id ?? ''));
  if ('status' in stream) return stream;
  const match = matcherOf({ keywords: body.key_word });
  if ('status' in match) return match;
  const histogram: { num: number; startTime: number; endTime: number }[] = [];
  for (let t = start; t <= end; t += step) histogram.push({ num: 0, startTime: t, endTime: Math.min(t + step, end + 1) });
  let count = 0;
  for (let i = lowerBound(stream.lines, start); i < stream.lines.length; i++) {
    const line = stream.lines[i]!;
    if (line.time > end) break;
    if (!match(line)) continue;
    count++;
    histogram[Math.floor((line.time - start) / step)]!.num++;
  }
  return { status: 200, body: { count, histogram, isQueryComplete: true } };
}
