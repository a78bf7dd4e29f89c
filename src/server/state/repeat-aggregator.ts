/**
 * Folds repeated audit events into one record with a count. Refused anonymous requests would
 * otherwise append about 1 KB each to the append-only trail, without limit: a scanner could fill
 * the disk. The first event of a kind (same source address, status code, endpoint and caller) is
 * appended at once, as before; repeats within the window are only counted, and when the window
 * ends one record says how many there were, between which times. Open windows are bounded; a
 * window pushed out early is written early, never dropped.
 */
import type { AuditEvent } from './audit-trail.ts';

export const REPEAT_WINDOW_MS = 60_000;
const MAX_OPEN_WINDOWS = 1_000;

interface Window {
  event: AuditEvent;
  opened: number;
  repeats: number;
  last: number;
}

export class RepeatAggregator {
  readonly #append: (event: AuditEvent) => void;
  readonly #now: () => number;
  readonly #windowMs: number;
  readonly #open = new Map<string, Window>();

  constructor(append: (event: AuditEvent) => void, now: () => number, windowMs = REPEAT_WINDOW_MS) {
    this.#append = append;
    this.#now = now;
    this.#windowMs = windowMs;
  }

  record(event: AuditEvent): void {
    const now = this.#now();
    this.flush(false);
    const key = [event.sourceIp, event.code, event.action, event.resource.type, event.resource.name ?? '', event.actor.id].join('\n');
    const open = this.#open.get(key);
    if (open) {
      open.repeats++;
      open.last = now;
      return;
    }
    this.#append(event);
    this.#open.set(key, { event, opened: now, repeats: 0, last: now });
    if (this.#open.size > MAX_OPEN_WINDOWS) {
      const [oldest, window] = this.#open.entries().next().value as [string, Window];
      this.#open.delete(oldest);
      this.#summarize(window);
    }
  }

  /** Writes the summaries of windows that ended (all of them with `all`, e.g. at shutdown). */
  flush(all: boolean): void {
    const now = this.#now();
    for (const [key, window] of this.#open) {
      if (!all && now - window.opened < this.#windowMs) continue;
      this.#open.delete(key);
      this.#summarize(window);
    }
  }

  #summarize(window: Window): void {
    if (window.repeats === 0) return;
    const { event } = window;
    this.#append({
      ...event,
      message: `${window.repeats} more like this from ${event.sourceIp || 'an unknown address'} between ${new Date(window.opened).toISOString()} and ${new Date(window.last).toISOString()}${event.message ? `: ${event.message}` : ''}`,
      request: { ...(typeof event.request === 'object' && event.request !== null ? event.request : {}), repeated: window.repeats, firstAt: window.opened, lastAt: window.last },
    });
  }
}
