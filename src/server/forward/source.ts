/**
 * Reading what a forwarder sends next, oldest first, from its cursor up to `until` (now minus the
 * settle delay). A read returns one batch and the cursor that is true once the batch is
 * acknowledged; nothing here writes. Log lines come through the search port by position; traces
 * through the trace list (newest-first keyset pages) over a bounded window, re-sorted oldest first.
 */
import type { ForwardSource, LogGroup } from '../../contract/index.ts';
import { parseSearchQuery } from '../search/scope.ts';
import { SEQ_PER_MS } from '../storage/embedded/line-id.ts';
import type { SearchableStore, StoredTraceSummary, TraceFilter } from '../storage/ports.ts';
import type { ForwardCursor } from '../state/forwarders.ts';
import type { ForwardEvent } from './event.ts';

export interface SourceRead {
  events: ForwardEvent[];
  /** The cursor once these events are acknowledged (or at once, when there are none). */
  cursor: ForwardCursor;
  /** More is waiting before `until`: read again right away. */
  more: boolean;
}

/** Why a source cannot run on this store, or null. */
export function sourceUnavailable(store: SearchableStore, source: ForwardSource): string | null {
  // Log positions are the embedded store's line ids; LTS forwards its own logs (e.g. to DMS/Kafka).
  if (source.kind === 'logs' && store.kind !== 'embedded') return 'log forwarding needs the embedded store (VIGIL_STORE=embedded)';
  return null;
}

/** Stream ids of "group" / "group/stream" references; null for every stream. Unknown names match nothing. */
export function streamIdsOf(groups: readonly LogGroup[], refs: readonly string[]): string[] | null {
  if (refs.length === 0) return null;
  const ids = new Set<string>();
  for (const ref of refs) {
    const [groupName, streamName] = ref.split('/', 2) as [string, string | undefined];
    for (const group of groups.filter((g) => g.log_group_name === groupName)) {
      for (const stream of group.log_streams) if (streamName === undefined || stream.log_stream_name === streamName) ids.add(stream.log_stream_id);
    }
  }
  return [...ids];
}

const positionTime = (position: string) => Math.floor(Number(position) / SEQ_PER_MS);
/** The largest position before any line at `time` or later. */
const positionBefore = (time: number) => String(time * SEQ_PER_MS - 1);
const lineId = (lineNum: string) => {
  const big = BigInt(lineNum);
  return Number((big / 1_000_000n) * BigInt(SEQ_PER_MS) + (big % 1_000_000n));
};

/**
 * Lines that arrived behind the cursor since it last looked (an agent's backlog, a clock behind,
 * an import of an older file), as a read of their own, oldest arrival first; null when there are
 * none to send. `cursor` is the one to go on with (the first look marks where arrivals stand:
 * lines from before the forwarder's start are not its to send). `newest` is the newest position
 * stored when looking: the cursor never moves past it, so every line at or below it either was
 * there for the read that follows or is a late arrival that a later look finds.
 */
async function lateRead(store: SearchableStore, source: Extract<ForwardSource, { kind: 'logs' }>, streamIds: string[] | null, cursor: ForwardCursor, position: string, limit: number): Promise<{ read: SourceRead | null; cursor: ForwardCursor; newest: number | null }> {
  if (!store.search.lateArrivals) return { read: null, cursor, newest: null };
  const mark = cursor.late;
  const page = await store.search.lateArrivals({
    afterSeq: mark?.seq ?? null, query: parseSearchQuery(source.query), streamIds, after: mark?.floor ?? position, upTo: position, limit, hints: { priority: 'background' },
  });
  const newest = Number(page.newestPosition);
  if (!mark) return { read: null, cursor: { ...cursor, late: { seq: page.lastSeq, floor: position } }, newest };
  if (page.lastSeq === mark.seq) return { read: null, cursor, newest };
  const next = { ...cursor, late: { ...mark, seq: page.lastSeq } };
  const events: ForwardEvent[] = page.lines.map((line) => ({ kind: 'log', line }));
  return { read: { events, cursor: next, more: true }, cursor: next, newest };
}

async function readLogs(store: SearchableStore, source: Extract<ForwardSource, { kind: 'logs' }>, stored: ForwardCursor, until: number, limit: number): Promise<SourceRead> {
  const position = stored.position ?? positionBefore(stored.time);
  const from = Math.min(positionTime(position), until);
  const streamIds = streamIdsOf(await store.logs.listGroups(), source.streams);
  const late = await lateRead(store, source, streamIds, stored, position, limit);
  if (late.read) return late.read;
  const cursor = late.cursor;
  if (from >= until) return { events: [], cursor, more: false };
  const atEnd = (lastId: number | null): ForwardCursor => {
    const caughtUp = Number(positionBefore(until));
    const end = Math.max(lastId ?? -1, late.newest === null ? caughtUp : Math.min(caughtUp, late.newest), Number(position));
    return { ...cursor, time: until, position: String(end), ids: [] };
  };
  if (streamIds !== null && streamIds.length === 0) return { events: [], cursor: atEnd(null), more: false };
  const page = await store.search.searchLines({
    query: parseSearchQuery(source.query),
    from,
    to: until,
    streamIds,
    order: 'oldest',
    limit,
    position,
    budget: { maxRows: 200_000, maxMs: 2_000 },
  });
  const events: ForwardEvent[] = page.lines.map((line) => ({ kind: 'log', line }));
  const last = page.lines.at(-1);
  if (page.next === null) return { events, cursor: atEnd(last ? lineId(last.lineNum) : null), more: false };
  const next = last && page.truncatedReason === null ? String(lineId(last.lineNum)) : page.next;
  return { events, cursor: { ...cursor, time: Math.min(positionTime(next), until), position: next, ids: [] }, more: true };
}

/** Traces read per window before the window is narrowed. */
const MAX_WINDOW_TRACES = 10_000;
const TRACE_WINDOW_MS = 5 * 60_000;

export function traceFilterOf(source: Extract<ForwardSource, { kind: 'traces' }>, from: number, to: number): TraceFilter {
  return {
    from, to,
    serviceTypes: source.service_type, resourceTypes: source.resource_type, traceNames: source.trace_name,
    ratings: source.trace_rating, traceTypes: source.trace_type, users: source.user,
    sourceIps: [], networks: [], resourceIds: [], resourceNames: [], texts: [], requestIds: [], codes: [], codeClasses: [],
  };
}

/** Every trace of [from, to), or null when there are more than `max`. */
async function tracesIn(store: SearchableStore, filter: TraceFilter, max: number): Promise<StoredTraceSummary[] | null> {
  const found: StoredTraceSummary[] = [];
  let after = null;
  do {
    const page = await store.traces.listTraces(filter, { limit: 500, after });
    found.push(...page.traces);
    if (found.length > max) return null;
    after = page.next;
  } while (after);
  return found;
}

/**
 * Traces stored behind the cursor since it last looked (an import of an older CTS file), as a
 * read of their own, in the order they were stored; null when there are none to send. `cursor`
 * is the one to go on with (the first look marks where the store stands: traces from before the
 * forwarder's start are not its to send).
 */
async function lateTraceRead(store: SearchableStore, source: Extract<ForwardSource, { kind: 'traces' }>, cursor: ForwardCursor, limit: number): Promise<{ read: SourceRead | null; cursor: ForwardCursor }> {
  if (!store.traces.lateTraces) return { read: null, cursor };
  const mark = cursor.late;
  // Behind the cursor: before its time (traces at its time not sent yet are still ahead of it).
  const page = await store.traces.lateTraces(traceFilterOf(source, mark ? Number(mark.floor) : cursor.time, cursor.time), mark?.seq ?? null, limit);
  if (!mark) return { read: null, cursor: { ...cursor, late: { seq: page.lastSeq, floor: String(cursor.time) } } };
  if (page.lastSeq === mark.seq) return { read: null, cursor };
  const next = { ...cursor, late: { ...mark, seq: page.lastSeq } };
  return { read: { events: page.traces.map((trace) => ({ kind: 'trace', trace })), cursor: next, more: true }, cursor: next };
}

async function readTraces(store: SearchableStore, source: Extract<ForwardSource, { kind: 'traces' }>, stored: ForwardCursor, until: number, limit: number): Promise<SourceRead> {
  const late = await lateTraceRead(store, source, stored, limit);
  if (late.read) return late.read;
  const cursor = late.cursor;
  let windowMs = TRACE_WINDOW_MS;
  for (;;) {
    const to = Math.min(until, cursor.time + windowMs);
    if (cursor.time >= to) return { events: [], cursor, more: false };
    const traces = await tracesIn(store, traceFilterOf(source, cursor.time, to), MAX_WINDOW_TRACES);
    if (traces === null) {
      if (windowMs === 1) throw new Error(`more than ${MAX_WINDOW_TRACES} traces in the millisecond at ${new Date(cursor.time).toISOString()}: cannot forward them in order`);
      windowMs = Math.max(1, Math.floor(windowMs / 4));
      continue;
    }
    const sent = new Set(cursor.ids);
    const pending = traces
      .filter((t) => !(t.time === cursor.time && sent.has(t.trace_id)))
      .sort((a, b) => a.time - b.time || (a.trace_id < b.trace_id ? -1 : a.trace_id > b.trace_id ? 1 : 0));
    const batch = pending.slice(0, limit);
    const last = batch.at(-1);
    if (batch.length === pending.length) {
      return { events: batch.map((trace) => ({ kind: 'trace', trace })), cursor: { ...cursor, time: to, position: null, ids: [] }, more: to < until };
    }
    const ids = batch.filter((t) => t.time === last!.time).map((t) => t.trace_id);
    const carried = last!.time === cursor.time ? cursor.ids : [];
    return { events: batch.map((trace) => ({ kind: 'trace', trace })), cursor: { ...cursor, time: last!.time, position: null, ids: [...carried, ...ids] }, more: true };
  }
}

export function readSource(store: SearchableStore, source: ForwardSource, cursor: ForwardCursor, until: number, limit: number): Promise<SourceRead> {
  return source.kind === 'logs' ? readLogs(store, source, cursor, until, limit) : readTraces(store, source, cursor, until, limit);
}
