/**
 * GET /api/logs/export: the matching lines of a fixed window as a CSV or NDJSON download, newest
 * first, streamed page by page as the store answers. A relative or open window is frozen when the
 * export starts. Bounds (row cap, time limit) are written into the file as its last row. The
 * export is audited with its query, never its rows.
 */
import { LOG_EXPORT_LIMITS, type Endpoints } from '../../contract/index.ts';
import { EXPORT_WRITERS } from '../export/formats.ts';
import { exportPages } from '../export/rows.ts';
import type { StreamHandler } from '../http/handlers.ts';
import { textStream } from '../http/text-stream.ts';
import { HeavyReads } from '../search/heavy-reads.ts';
import { parseSearchQuery, resolveStreams, resolveWindow } from '../search/scope.ts';
import type { SearchableStore, SearchScope } from '../storage/ports.ts';

/** `2024-05-01T12-00-00Z`: an ISO instant that is safe in a file name. */
function fileTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll(':', '-');
}

export function logExportRoute({
  store,
  now = Date.now,
  heavyReads = new HeavyReads(),
}: {
  store: SearchableStore;
  now?: () => number;
  heavyReads?: HeavyReads;
}): StreamHandler<Endpoints['exportLogs']> {
  return async ({ query: input }, ctx) => {
    const { from, to } = resolveWindow(input.from, input.to, now());
    // An export is a long read whatever its query: it counts against the caller's heavy reads for
    // as long as it streams, and its pages wait behind interactive reads.
    const scope: SearchScope = {
      query: parseSearchQuery(input.q),
      from,
      to,
      streamIds: resolveStreams(await store.logs.listGroups(), input.group, input.stream),
      hints: { priority: 'bulk', heavy: true },
    };
    const release = heavyReads.acquire(ctx.principal?.subject ?? `address:${ctx.ip}`, 'export');
    ctx.audit({
      action: 'exportLogs',
      resource: { type: 'logs' },
      code: 200,
      request: { q: input.q, from, to, format: input.format, rowCap: input.limit, groups: input.group ?? [], streams: input.stream ?? [] },
    });

    const writer = EXPORT_WRITERS[input.format];
    const stop = new AbortController();
    const signal = AbortSignal.any([stop.signal, ctx.signal]);
    signal.addEventListener('abort', release, { once: true });
    async function* chunks(): AsyncGenerator<string> {
      try {
        yield* rows();
      } finally {
        release();
      }
    }
    async function* rows(): AsyncGenerator<string> {
      yield writer.header;
      const pages = exportPages(store, scope, { rowCap: input.limit, maxMs: LOG_EXPORT_LIMITS.maxSeconds * 1000, now }, signal);
      for (;;) {
        const next = await pages.next();
        if (next.done) {
          if (next.value !== null) yield writer.truncated(next.value);
          return;
        }
        yield writer.rows(next.value);
      }
    }

    const filename = `vigil-logs_${fileTime(from)}_${fileTime(to)}.${writer.extension}`;
    return new Response(
      textStream(chunks(), () => {
        stop.abort();
        release();
      }),
      {
      headers: {
        'content-type': writer.contentType,
        'content-disposition': `attachment; filename="${filename}"`,
        'cache-control': 'no-store',
          'x-vigil-row-cap': String(input.limit),
        },
      },
    );
  };
}
