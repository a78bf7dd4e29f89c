/**
 * Follows a search as lines arrive: polls the search port oldest first for lines after the last
 * one sent, and writes them as Server-Sent Events with their line id, so a client that reconnects
 * with Last-Event-ID continues after it. Lines written late with a time before the last line sent
 * are not followed (a search finds them). Heartbeat comments keep proxies from closing an idle stream.
 * A store with read quotas (OTC) sets the poll interval (`pace` event); a poll its quota refused
 * is a `throttled` event and is read again later (`resumed`), never silently missing lines.
 */
import type { LogLine } from '../../contract/index.ts';
import type { FoundLine, ScanBudget, SearchableStore, SearchScope } from '../storage/ports.ts';

const PAGE_LINES = 500;
/** Each poll is an analyst-facing page; keep it short so the next poll is not late. */
const POLL_BUDGET: ScanBudget = { maxRows: 500_000, maxMs: 1_000 };

export interface TailTiming {
  pollMs: number;
  heartbeatMs: number;
}

export interface FollowStart {
  /** Lines from this time on (epoch ms)… */
  from: number;
  /** …with a line id after this one ('' for none). */
  afterId: string;
}

export function sseEvent(event: string, data: unknown, id?: string): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * `streams` is asked before every poll: a tail on a group follows streams created after it
 * started (resolving once would miss them).
 */
export async function* followLines(
  store: SearchableStore,
  scope: Omit<SearchScope, 'from' | 'to' | 'streamIds'> & { streams: () => Promise<readonly string[] | null> },
  start: FollowStart,
  toLine: (line: FoundLine) => LogLine,
  { timing, now, signal }: { timing: TailTiming; now: () => number; signal: AbortSignal },
): AsyncGenerator<string> {
  let from = start.from;
  let afterId = start.afterId;
  let position: string | null = null;
  let lastWrite = now();
  // A remote store with read quotas sets the pace: polling faster would only get reads refused.
  const pace = store.search.followPace ? await store.search.followPace(await scope.streams()) : null;
  const pollMs = Math.max(timing.pollMs, pace?.pollMs ?? 0);
  if (pace) yield sseEvent('pace', { pollMs, reason: pace.reason, time: now() });
  let throttled = false;
  while (!signal.aborted) {
    const to = now() + 1;
    let more = false;
    if (from < to) {
      const { streams, ...rest } = scope;
      const page = await store.search.searchLines(
        { ...rest, streamIds: await streams(), from, to, order: 'oldest', limit: PAGE_LINES, position, budget: POLL_BUDGET },
        signal,
      );
      if (signal.aborted) return;
      const refused = page.remote?.throttled ?? null;
      if (refused) {
        // Some streams were not read. Lines of the others would move the position past theirs, so
        // this poll hands out nothing and the same window is read again once the quota allows:
        // the tail is late, and says so, but skips no line.
        yield sseEvent('throttled', { retryAt: refused.retryAt, streams: refused.streams, time: now() });
        lastWrite = now();
        throttled = true;
        await sleep(Math.max(pollMs, refused.retryAt - now()), signal);
        continue;
      }
      if (throttled) {
        yield sseEvent('resumed', { time: now() });
        throttled = false;
      }
      // Line ids are fixed-width and time-ordered, so they compare as strings.
      const fresh = page.lines.filter((line) => line.lineNum > afterId);
      if (fresh.length > 0) {
        const last = fresh.at(-1)!;
        afterId = last.lineNum;
        from = Math.max(from, last.time);
        yield fresh.map((line) => sseEvent('line', toLine(line), line.lineNum)).join('');
        lastWrite = now();
      }
      more = page.next !== null;
      position = page.next;
    }
    if (more) continue;
    if (now() - lastWrite >= timing.heartbeatMs) {
      yield ': heartbeat\n\n';
      lastWrite = now();
    }
    await sleep(pollMs, signal);
  }
}
