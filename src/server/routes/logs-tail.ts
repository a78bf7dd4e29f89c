/**
 * GET /api/logs/tail: a live tail as Server-Sent Events (tail/follow.ts). At most
 * LOG_EXPORT_LIMITS.maxTailsPerUser open at once per caller; one more is a 429 that says why. A
 * client that reconnects with Last-Event-ID continues after that line (at most an hour back).
 */
import { LOG_EXPORT_LIMITS, type Endpoints, type LogLine } from '../../contract/index.ts';
import type { StreamHandler } from '../http/handlers.ts';
import { HttpError } from '../http/http-error.ts';
import { textStream } from '../http/text-stream.ts';
import { highlightFinders, highlightLine } from '../search/highlight.ts';
import { parseSearchQuery, resolveStreams } from '../search/scope.ts';
import type { FoundLine, SearchableStore } from '../storage/ports.ts';
import { followLines, sseEvent, type FollowStart, type TailTiming } from '../tail/follow.ts';
import { TailSlots } from '../tail/tail-slots.ts';

const MAX_RESUME_MS = 3_600_000;
const RETRY_MS = 3_000;
export const DEFAULT_TAIL_TIMING: TailTiming = { pollMs: 1_000, heartbeatMs: 15_000 };

export function logTailRoute({
  store,
  now = Date.now,
  timing = DEFAULT_TAIL_TIMING,
}: {
  store: SearchableStore;
  now?: () => number;
  timing?: TailTiming;
}): StreamHandler<Endpoints['tailLogs']> {
  const slots = new TailSlots(LOG_EXPORT_LIMITS.maxTailsPerUser);

  /** Where to start: now, or after the line the client saw last (if it still exists and is recent). */
  const startOf = async (lastEventId: string | null): Promise<{ start: FollowStart; notice: string | null }> => {
    const fresh = { from: now(), afterId: '' };
    if (lastEventId === null) return { start: fresh, notice: null };
    const seen = /^\d{19}$/.test(lastEventId) ? await store.search.context({ lineNum: lastEventId, before: 0, after: 0 }) : null;
    if (seen === null) return { start: fresh, notice: 'The last line received no longer exists: following new lines from now.' };
    if (seen.line.time < now() - MAX_RESUME_MS) {
      return { start: { from: now() - MAX_RESUME_MS, afterId: '' }, notice: 'Resumed from one hour ago; search the range for older lines.' };
    }
    return { start: { from: seen.line.time, afterId: lastEventId }, notice: null };
  };

  return async ({ query: input }, ctx) => {
    const query = parseSearchQuery(input.q);
    // Checked now (unknown group or stream: 400), then again before every poll for new streams.
    const streams = async () => resolveStreams(await store.logs.listGroups(), input.group, input.stream);
    await streams();
    const subject = ctx.principal?.subject ?? 'anonymous';
    const slot = slots.acquire(subject);
    if (slot === null) {
      throw new HttpError(
        'rate_limited',
        `You already have ${LOG_EXPORT_LIMITS.maxTailsPerUser} live tails open, the most one user may. Stop one (in another tab or window) and try again.`,
        { limit: LOG_EXPORT_LIMITS.maxTailsPerUser },
      );
    }
    const release = slot;
    try {
      const lastEventId = ctx.headers.get('last-event-id');
      const { start, notice } = await startOf(lastEventId);
      ctx.audit({
        action: 'tailLogs',
        resource: { type: 'logs' },
        code: 200,
        request: { q: input.q, groups: input.group ?? [], streams: input.stream ?? [], ...(lastEventId === null ? {} : { lastEventId }) },
      });

      const finders = highlightFinders(query);
      const toLine = (line: FoundLine): LogLine => ({
        id: line.lineNum,
        time: line.time,
        group: line.groupName,
        stream: line.streamName,
        content: line.content,
        labels: line.labels,
        highlights: highlightLine(finders, line.content),
      });
      const stop = new AbortController();
      const signal = AbortSignal.any([stop.signal, ctx.signal]);
      signal.addEventListener('abort', release, { once: true });
      async function* events(): AsyncGenerator<string> {
        try {
          yield `retry: ${RETRY_MS}\n: following\n\n`;
          if (notice !== null) yield sseEvent('notice', { message: notice, time: now() });
          yield* followLines(store, { query, streams }, start, toLine, { timing, now, signal });
        } finally {
          release();
        }
      }
      return new Response(
        textStream(events(), () => {
          stop.abort();
          release();
        }),
        { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' } },
      );
    } catch (error) {
      release();
      throw error;
    }
  };
}
