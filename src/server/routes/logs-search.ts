/**
 * Log search endpoints: result pages, histogram, facets and the context of a line. Input is
 * validated by the contract; this file turns it into a SearchScope (search/scope.ts), asks the
 * store, and shapes the answer. The store does the bounded work and reports any bound it hit;
 * the request's AbortSignal is handed down so a client that goes away stops the store's scan.
 */
import { LOG_SEARCH_LIMITS, type LogLine } from '../../contract/index.ts';
import type { FeatureHandlers, RequestContext } from '../http/handlers.ts';
import { HttpError } from '../http/http-error.ts';
import { bucketGrid, chooseBucketSize } from '../search/buckets.ts';
import { CursorError, decodeCursor, encodeCursor, type CursorQuery } from '../search/cursor.ts';
import { isHeavyQuery } from '../search/cost.ts';
import { canonicalField } from '../search/fields.ts';
import { HeavyReads } from '../search/heavy-reads.ts';
import { highlightFinders, highlightLine } from '../search/highlight.ts';
import { FACET_BUDGET, HISTOGRAM_BUDGET, SEARCH_BUDGET } from '../search/limits.ts';
import { checkWindow, parseSearchQuery, resolveStreams, resolveWindow } from '../search/scope.ts';
import type { FoundLine, SearchableStore, SearchScope } from '../storage/ports.ts';

type Endpoints = 'searchLogs' | 'logHistogram' | 'logFacets' | 'logContext';

interface ScopeInput {
  q: string;
  from?: number;
  to?: number;
  group?: string[];
  stream?: string[];
}

const ALWAYS_FACETED = ['level', 'hostName', 'appName', 'stream'];
const FACET_TOP = 10;

function lineOf(line: FoundLine): Omit<LogLine, 'highlights'> {
  return { id: line.lineNum, time: line.time, group: line.groupName, stream: line.streamName, content: line.content, labels: line.labels };
}

/** Levels as stored; lines without a level label are counted under NONE. */
function levelName(level: string): string {
  return level === '' ? 'NONE' : level;
}

export function logSearchRoutes({
  store,
  now = Date.now,
  heavyReads = new HeavyReads(),
}: {
  store: SearchableStore;
  now?: () => number;
  heavyReads?: HeavyReads;
}): FeatureHandlers<Endpoints> {
  // Someone is waiting for every one of these: interactive, heavy when the query scans its window.
  const scopeOf = async (input: ScopeInput, window?: { from: number; to: number }): Promise<SearchScope> => {
    const query = parseSearchQuery(input.q);
    const { from, to } = window ?? resolveWindow(input.from, input.to, now());
    const streamIds = resolveStreams(await store.logs.listGroups(), input.group, input.stream);
    return { query, from, to, streamIds, hints: { priority: 'interactive', heavy: isHeavyQuery(query) } };
  };

  /** Runs a read, holding one of the caller's heavy-read slots while it runs if it is heavy. */
  const admitted = async <T>(scope: SearchScope, ctx: RequestContext, what: string, run: () => Promise<T>): Promise<T> => {
    if (!scope.hints?.heavy) return run();
    const release = heavyReads.acquire(ctx.principal?.subject ?? `address:${ctx.ip}`, what);
    try {
      return await run();
    } finally {
      release();
    }
  };

  const auditSearch = (ctx: RequestContext, input: ScopeInput, scope: SearchScope, extra: Record<string, unknown> = {}) =>
    ctx.audit({
      action: 'searchLogs',
      resource: { type: 'logs' },
      code: 200,
      request: { q: input.q, from: scope.from, to: scope.to, groups: input.group ?? [], streams: input.stream ?? [], ...extra },
    });

  return {
    searchLogs: async ({ query: input }, ctx) => {
      const cursorQuery: CursorQuery = { q: input.q, from: input.from, to: input.to, groups: input.group, streams: input.stream, order: input.order };
      let position: string | null = null;
      let window: { from: number; to: number } | undefined;
      if (input.cursor !== undefined) {
        try {
          const state = decodeCursor(input.cursor, cursorQuery);
          position = state.position;
          window = { from: state.from, to: state.to };
        } catch (error) {
          if (!(error instanceof CursorError)) throw error;
          throw new HttpError('validation_failed', `invalid query: cursor: ${error.message}`, { issues: [{ path: 'query.cursor', message: error.message }] });
        }
        checkWindow(window.from, window.to);
      }
      const scope = await scopeOf(input, window);
      const page = await admitted(scope, ctx, 'search', () =>
        store.search.searchLines({ ...scope, order: input.order, limit: input.limit, position, budget: SEARCH_BUDGET }, ctx.signal),
      );
      auditSearch(ctx, input, scope, { order: input.order, ...(position === null ? {} : { continued: true }) });

      const finders = highlightFinders(scope.query);
      return {
        lines: page.lines.map((line) => ({ ...lineOf(line), highlights: highlightLine(finders, line.content) })),
        cursor: page.next === null ? null : encodeCursor(cursorQuery, { position: page.next, from: scope.from, to: scope.to }),
        complete: page.next === null && !page.remote?.throttled && !page.remote?.incomplete,
        ...(page.truncatedReason === null ? {} : { truncatedReason: page.truncatedReason }),
        ...(page.remote ? { remote: page.remote } : {}),
        ...(page.total === null ? {} : { total: page.total }),
        scanned: page.scanned,
        ...(page.notIndexed?.length ? { notIndexed: page.notIndexed } : {}),
        from: scope.from,
        to: scope.to,
      };
    },

    logHistogram: async ({ query: input }, ctx) => {
      const scope = await scopeOf(input);
      const bucketMs = chooseBucketSize(scope.from, scope.to);
      const result = await admitted(scope, ctx, 'histogram', () => store.search.histogram({ ...scope, bucketMs, budget: HISTOGRAM_BUDGET }, ctx.signal));
      const counted = new Map(result.buckets.map((bucket) => [bucket.start, bucket.byLevel]));
      const buckets = bucketGrid(scope.from, scope.to, bucketMs)
        .filter((bucket) => result.coveredFrom === null || bucket.start >= result.coveredFrom)
        .map(({ start, end }) => {
          const levels = counted.get(Math.floor(start / bucketMs) * bucketMs) ?? {};
          const byLevel: Record<string, number> = {};
          let count = 0;
          for (const [level, n] of Object.entries(levels)) {
            byLevel[levelName(level)] = (byLevel[levelName(level)] ?? 0) + n;
            count += n;
          }
          return { start, end, count, byLevel };
        });
      return {
        from: scope.from,
        to: scope.to,
        bucketMs,
        buckets,
        total: result.total,
        complete: result.truncatedReason === null && !result.remote?.throttled && !result.remote?.incomplete,
        ...(result.truncatedReason === null ? {} : { truncatedReason: result.truncatedReason }),
        ...(result.remote ? { remote: result.remote } : {}),
        ...(result.coveredFrom === null ? {} : { coveredFrom: result.coveredFrom }),
        ...(result.notIndexed?.length ? { notIndexed: result.notIndexed } : {}),
      };
    },

    logFacets: async ({ query: input }, ctx) => {
      const scope = await scopeOf(input);
      const fields = [...new Set([...ALWAYS_FACETED, ...(input.field ?? []).map(canonicalField)])];
      const result = await admitted(scope, ctx, 'facet count', () =>
        store.search.facets({ ...scope, fields, sampleLines: LOG_SEARCH_LIMITS.facetSampleLines, top: FACET_TOP, budget: FACET_BUDGET }, ctx.signal),
      );
      return {
        facets: result.facets,
        lines: result.lines,
        ...(result.oldestCounted === null ? {} : { oldestCounted: result.oldestCounted }),
        complete: result.truncatedReason === null && !result.remote?.throttled && !result.remote?.incomplete,
        ...(result.truncatedReason === null ? {} : { truncatedReason: result.truncatedReason }),
        ...(result.remote ? { remote: result.remote } : {}),
        from: scope.from,
        to: scope.to,
      };
    },

    logContext: async ({ query: input }, ctx) => {
      const result = await store.search.context({ lineNum: input.line, before: input.before, after: input.after });
      if (result === null) throw new HttpError('not_found', `no log line ${input.line}`);
      ctx.audit({
        action: 'viewLogContext',
        resource: { type: 'logs', id: input.line, name: `${result.line.groupName}/${result.line.streamName}` },
        code: 200,
        request: { line: input.line, before: input.before, after: input.after },
      });
      return {
        line: lineOf(result.line),
        before: result.before.map(lineOf),
        after: result.after.map(lineOf),
        moreBefore: result.moreBefore,
        moreAfter: result.moreAfter,
      };
    },
  };
}
