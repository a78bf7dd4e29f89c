import { useEffect, useState } from 'react';
import { endpoints } from '../../contract/endpoints.ts';
import { logLineSchema, type LogLine } from '../../contract/schemas/log-search.ts';
import { ApiError } from '../../lib/api-error.ts';
import { openStream } from '../../lib/api-stream.ts';
import { SseParser } from '../../lib/sse.ts';
import { z } from 'zod';

/** Lines kept on screen; older ones are dropped (and counted) so a busy tail cannot fill memory. */
export const MAX_TAIL_LINES = 2_000;
const DEFAULT_RETRY_MS = 3_000;

export type TailStatus =
  | { kind: 'off' }
  | { kind: 'connecting' }
  | { kind: 'live' }
  | { kind: 'reconnecting'; message: string }
  /** The server refused (too many tails, bad query…): no retry, the message says why. */
  | { kind: 'refused'; message: string };

export interface TailScope {
  q: string;
  group?: string[];
  stream?: string[];
}

export interface LiveTail {
  lines: LogLine[];
  /** Lines received since the tail started, including dropped ones. */
  received: number;
  dropped: number;
  status: TailStatus;
  notice: string | null;
  /** A store with read quotas (OTC) polls at this pace. */
  pace: { pollMs: number; reason: string } | null;
  /** The quota refused the last poll: the tail is late and reads again after `retryAt`. */
  throttled: { retryAt: number; streams: string[] } | null;
}

const OFF: LiveTail = { lines: [], received: 0, dropped: 0, status: { kind: 'off' }, notice: null, pace: null, throttled: null };

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const paceSchema = z.object({ pollMs: z.number(), reason: z.string() });
const throttledSchema = z.object({ retryAt: z.number(), streams: z.array(z.string()) });

/** Follows new lines of a search over fetch + SSE; reconnects with Last-Event-ID after a drop. */
export function useLiveTail(scope: TailScope | null, enabled: boolean): LiveTail {
  const [tail, setTail] = useState<LiveTail>(OFF);
  const key = enabled && scope ? JSON.stringify(scope) : null;

  useEffect(() => {
    if (key === null) {
      setTail(OFF);
      return;
    }
    const query = JSON.parse(key) as TailScope;
    const controller = new AbortController();
    const { signal } = controller;
    setTail({ ...OFF, status: { kind: 'connecting' } });

    const append = (lines: LogLine[]) =>
      setTail((previous) => {
        const all = [...previous.lines, ...lines];
        const cut = Math.max(0, all.length - MAX_TAIL_LINES);
        return { ...previous, lines: cut ? all.slice(cut) : all, received: previous.received + lines.length, dropped: previous.dropped + cut, status: { kind: 'live' } };
      });

    async function run() {
      let lastEventId = '';
      let retryMs = DEFAULT_RETRY_MS;
      while (!signal.aborted) {
        const parser = new SseParser();
        try {
          const response = await openStream(endpoints.tailLogs, { query }, { signal, headers: lastEventId ? { 'Last-Event-ID': lastEventId } : {} });
          setTail((previous) => ({ ...previous, status: { kind: 'live' } }));
          const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            const events = parser.push(value);
            retryMs = parser.retryMs ?? retryMs;
            lastEventId = parser.lastEventId || lastEventId;
            const lines = events.filter((event) => event.event === 'line').map((event) => logLineSchema.parse(JSON.parse(event.data)));
            if (lines.length > 0) append(lines);
            const notice = events.findLast((event) => event.event === 'notice');
            if (notice) setTail((previous) => ({ ...previous, notice: (JSON.parse(notice.data) as { message: string }).message }));
            const pace = events.findLast((event) => event.event === 'pace');
            if (pace) setTail((previous) => ({ ...previous, pace: paceSchema.parse(JSON.parse(pace.data)) }));
            // The last of throttled/resumed in this chunk decides the state.
            const quota = events.findLast((event) => event.event === 'throttled' || event.event === 'resumed');
            if (quota) setTail((previous) => ({ ...previous, throttled: quota.event === 'resumed' ? null : throttledSchema.parse(JSON.parse(quota.data)) }));
          }
          if (signal.aborted) return;
          setTail((previous) => ({ ...previous, status: { kind: 'reconnecting', message: 'The server closed the live tail.' } }));
        } catch (error) {
          if (signal.aborted) return;
          if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
            setTail((previous) => ({ ...previous, status: { kind: 'refused', message: error.message } }));
            return;
          }
          setTail((previous) => ({ ...previous, status: { kind: 'reconnecting', message: error instanceof Error ? error.message : String(error) } }));
        }
        await wait(retryMs, signal);
      }
    }
    void run();
    return () => controller.abort();
  }, [key]);

  return tail;
}
