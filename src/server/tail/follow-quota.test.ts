/**
 * A live tail on a store with read quotas: it polls at the store's pace, and a poll the quota
 * refused is reported (`throttled`) and read again, so no line is skipped.
 */
import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../search/scope.ts';
import type { FoundLine, LineSearchPage, LineSearchRequest, SearchableStore } from '../storage/ports.ts';
import { followLines } from './follow.ts';

const line = (n: number, stream: string): FoundLine => ({
  lineNum: String(1_800_000_000_000 + n).padEnd(19, '0'),
  time: 1_800_000_000_000 + n,
  streamId: stream,
  streamName: stream.split('/')[1]!,
  groupName: stream.split('/')[0]!,
  content: `line ${n}`,
  labels: {},
});

function fakeStore(pages: ((request: LineSearchRequest) => LineSearchPage)[]) {
  const requests: LineSearchRequest[] = [];
  const store = {
    search: {
      searchLines: (request: LineSearchRequest) => {
        requests.push(request);
        const next = pages.shift();
        return Promise.resolve(next ? next(request) : { lines: [], next: null, truncatedReason: null, scanned: 0, total: null });
      },
      followPace: () => Promise.resolve({ pollMs: 6_000, reason: 'LTS allows 10 reads a minute per stream and a live tail uses half of that' }),
    },
  } as unknown as SearchableStore;
  return { store, requests };
}

const remote = (throttled: { retryAt: number; streams: string[] } | null) => ({ region: 'eu-de', retried: false, localFilter: false, remoteLines: 0, throttled, incomplete: null });

describe('live tail under read quotas', () => {
  it('announces the pace, reports a refused poll, reads the same window again and hands out every line', async () => {
    let clock = 1_800_000_000_000;
    const { store, requests } = fakeStore([
      // Stream b was refused: a's line 5 must not move the position past b's line 3.
      () => ({ lines: [line(5, 'g/a')], next: null, truncatedReason: null, scanned: 1, total: null, remote: remote({ retryAt: clock + 9_000, streams: ['g/b'] }) }),
      () => ({ lines: [line(3, 'g/b'), line(5, 'g/a')], next: null, truncatedReason: null, scanned: 2, total: null, remote: remote(null) }),
    ]);
    const controller = new AbortController();
    const sleeps: number[] = [];
    const events: string[] = [];
    const gen = followLines(store, { query: parseSearchQuery(''), streams: () => Promise.resolve(null) }, { from: clock, afterId: '' }, (l) => ({ id: l.lineNum, time: l.time, group: l.groupName, stream: l.streamName, content: l.content, labels: {}, highlights: [] }), {
      timing: { pollMs: 1_000, heartbeatMs: 60_000 },
      now: () => clock,
      signal: controller.signal,
    });
    // The sleeps are real timers: advance the fake clock instead and let them run out quickly.
    const originalSetTimeout = globalThis.setTimeout;
    globalThis.setTimeout = ((fn: () => void, ms: number) => {
      sleeps.push(ms);
      clock += ms;
      return originalSetTimeout(fn, 0);
    }) as typeof setTimeout;
    try {
      for await (const chunk of gen) {
        events.push(chunk);
        if (events.length === 4) controller.abort();
      }
    } finally {
      globalThis.setTimeout = originalSetTimeout;
    }
    expect(events[0]).toMatch(/^event: pace\ndata: \{"pollMs":6000,"reason":"LTS allows 10 reads a minute per stream/);
    expect(events[1]).toMatch(/^event: throttled\ndata: \{"retryAt":1800000009000,"streams":\["g\/b"\]/);
    expect(events[2]).toMatch(/^event: resumed/);
    // Both lines, in order, after the refusal: the refused poll handed out nothing.
    expect(events[3]).toContain('line 3');
    expect(events[3]!.indexOf('line 3')).toBeLessThan(events[3]!.indexOf('line 5'));
    expect(events.slice(0, 3).join('')).not.toContain('event: line');
    // The retry asked the same window again, after the quota's retry time (not the 1 s default).
    expect(requests[1]!.from).toBe(requests[0]!.from);
    expect(requests[1]!.position).toBe(requests[0]!.position);
    expect(sleeps[0]).toBe(9_000);
  });
});
