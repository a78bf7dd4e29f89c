/**
 * Paging across a failover: the regions number the same lines differently, so a cursor from one
 * region used in the other restarts at its millisecond and leaves out the lines already shown.
 * No gaps, no repeats, and the page says where its cursor came from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../../search/scope.ts';
import type { FoundLine, LineSearchRequest } from '../ports.ts';
import { decodePosition, encodePosition, lineHash, nextPosition } from './line-position.ts';
import { startSimPair, type SimPair } from './testing/sim-pair.ts';

let pair: SimPair;
const now = Date.now();

beforeAll(async () => {
  pair = await startSimPair({ lines: 6000, days: 2, distinctLineNums: true });
}, 60_000);

afterAll(async () => {
  await pair?.close();
});

const request = (q: string, order: 'newest' | 'oldest', limit: number, position: string | null): LineSearchRequest => ({
  query: parseSearchQuery(q), from: now - 3 * 86_400_000, to: now + 60_000, streamIds: null, order, limit, position, budget: { maxRows: 1e6, maxMs: 60_000 },
});

const identity = (l: FoundLine) => `${l.time} ${l.streamId} ${l.content}`;

describe('a cursor across regions', () => {
  it('numbers lines differently in the two simulated regions (the premise)', async () => {
    const store = pair.open();
    const de = await store.search.searchLines(request('sshd', 'newest', 20, null));
    pair.primary.setFault('dead');
    const nl = await store.search.searchLines(request('sshd', 'newest', 20, null));
    pair.primary.setFault('none');
    expect(nl.remote?.region).toBe('eu-nl');
    expect(nl.lines.map(identity)).toEqual(de.lines.map(identity));
    expect(nl.lines.map((l) => l.lineNum)).not.toEqual(de.lines.map((l) => l.lineNum));
    await store.close();
  }, 30_000);

  for (const order of ['newest', 'oldest'] as const) {
    it(`pages ${order} first in eu-de, then in eu-nl after a failover, without gaps or repeats`, async () => {
      const reference = pair.open();
      const all: FoundLine[] = [];
      let cursor: string | null = null;
      do {
        const page = await reference.search.searchLines(request('sshd OR sudo', order, 37, cursor));
        all.push(...page.lines);
        cursor = page.next;
      } while (cursor);
      await reference.close();
      expect(all.length).toBeGreaterThan(150);

      const store = pair.open({ failureThreshold: 1, openMs: 600_000 });
      const first = await store.search.searchLines(request('sshd OR sudo', order, 37, null));
      expect(first.remote?.region).toBe('eu-de');
      expect(first.next).toMatch(/^eu-de~/);
      pair.primary.setFault('dead');
      const got = [...first.lines];
      cursor = first.next;
      let restarted = 0;
      while (cursor) {
        const page = await store.search.searchLines(request('sshd OR sudo', order, 37, cursor));
        expect(page.remote?.region).toBe('eu-nl');
        if (page.remote?.cursorFrom) {
          restarted++;
          expect(page.remote.cursorFrom).toEqual({ region: 'eu-de', time: got[got.length - 1]!.time, mayRepeat: false });
        }
        got.push(...page.lines);
        cursor = page.next;
      }
      pair.primary.setFault('none');
      expect(restarted).toBe(1);
      expect(got.map(identity)).toEqual(all.map(identity));
      await store.close();
    }, 60_000);
  }
});

describe('line positions', () => {
  it('remember the lines shown at the last millisecond, by count, and round-trip', () => {
    const t = 1_800_000_000_123;
    const key = { lineNum: `${t}000002`, stream: 4 };
    const lines = [
      { time: t - 1, streamId: 'g/a', content: 'older' },
      { time: t, streamId: 'g/a', content: 'same' },
      { time: t, streamId: 'g/a', content: 'same' },
    ];
    const position = nextPosition('eu-de', key, null, lines);
    expect(position.seen).toEqual([lineHash('g/a', 'same'), lineHash('g/a', 'same')]);
    const text = encodePosition(position);
    expect(text.length).toBeLessThan(256);
    expect(decodePosition(text)).toEqual(position);
    // A legacy position (no region) still decodes.
    expect(decodePosition(`${t}000002.4`)).toEqual({ region: null, key, seen: [], overflow: false });
    expect(() => decodePosition('eu-de~123.4~')).toThrow('not one the OTC store issued');
    // Past 16 lines in one millisecond, the position says it may repeat.
    const many = Array.from({ length: 20 }, (_, i) => ({ time: t, streamId: 'g/a', content: `l${i}` }));
    const full = nextPosition('eu-de', key, null, many);
    expect(full.seen).toHaveLength(16);
    expect(full.overflow).toBe(true);
    expect(encodePosition(full).length).toBeLessThan(256);
    expect(decodePosition(encodePosition(full))).toEqual(full);
  });
});
