// The substring index over blocks of lines (schema-trigram-blocks.ts): lines of several streams
// and late lines interleave inside a block's id range, yet a substring search yields every
// matching line exactly once; retention removes a block once all its lines are gone; a store
// with the older per-line index is rebuilt into blocks and searches stay exact throughout.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewLogLine, ScanBudget } from '../ports.ts';
import { openDatabase } from './sqlite.ts';
import { DB_FILE } from './store.ts';
import { openTempStore, parsedQuery, type TempStore } from './test-helpers.ts';
import { BLOCK_LINES } from './write/trigram-blocks.ts';

const START = Date.UTC(2026, 3, 1);
const BUDGET: ScanBudget = { maxRows: 10_000_000, maxMs: 30_000 };

let temp: TempStore | null = null;
afterEach(async () => {
  await temp?.dispose();
  temp = null;
});

async function search(store: TempStore['store'], text: string, from: number, to: number) {
  const page = await store.search.searchLines({ query: parsedQuery(text), from, to, streamIds: null, order: 'newest', limit: 1_000, position: null, budget: BUDGET });
  expect(page.next).toBeNull();
  return page;
}

const line = (time: number, content: string): NewLogLine => ({ time, content, labels: {} });

function countBlocks(path: string): number {
  const db = openDatabase(path, { readOnly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM log_tri_blocks').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('substring index over blocks of lines', () => {
  it('yields each matching line once when streams and late lines interleave inside blocks', async () => {
    temp = await openTempStore();
    const { logs } = temp.store;
    const group = await logs.ensureGroup({ name: 'blocks', ttlInDays: 30 });
    const a = await logs.ensureStream({ groupId: group.id, name: 'a' });
    const b = await logs.ensureStream({ groupId: group.id, name: 'b' });
    const all: NewLogLine[] = [];
    const write = async (streamId: string, lines: NewLogLine[]) => {
      all.push(...lines);
      await logs.appendLines(streamId, lines);
    };
    // Stream a: 100 lines, one a second, several blocks; stream b in between at the same times;
    // then late lines of a, and lines out of time order inside one batch.
    await write(a.id, Array.from({ length: 100 }, (_, i) => line(START + i * 1_000, `a user=Okka77 seq ${i} ${i % 3 === 0 ? 'needle' : 'hay'}`)));
    await write(b.id, Array.from({ length: 100 }, (_, i) => line(START + i * 1_000 + 500, `b OKKA77 seq ${i} needle`)));
    await write(a.id, [line(START + 10_250, 'a late needle okka77'), line(START + 70_250, 'a late hay'), line(START + 5_100, 'a late needle')]);
    await write(b.id, [line(START + 99_000, 'b shuffled needle'), line(START + 3_000, 'b shuffled needle okka77'), line(START + 50_000, 'b shuffled hay')]);

    for (const [text, needle] of [['*needle*', 'needle'], ['*okka77*', 'okka77'], ['*late*', 'late']] as const) {
      for (const [from, to] of [[START, START + 200_000], [START + 10_000, START + 60_000], [START + 5_100, START + 5_101]] as const) {
        const want = all.filter((l) => l.time >= from && l.time < to && l.content.toLowerCase().includes(needle)).map((l) => l.content).sort();
        const page = await search(temp.store, text, from, to);
        expect(page.lines.map((l) => l.content).sort(), `${text} ${from - START}..${to - START}`).toEqual(want);
      }
    }
    // The lines really share blocks (far fewer blocks than lines), and the index drives: a rare
    // substring examines only the lines of the blocks holding it, not all 206.
    expect(countBlocks(temp.store.path)).toBeLessThan(all.length / 4);
    const rare = await search(temp.store, '*late*', START, START + 200_000);
    expect(rare.lines).toHaveLength(3);
    expect(rare.scanned).toBeLessThanOrEqual(3 * BLOCK_LINES);
  });

  it('are removed by retention once all their lines are gone, and kept while one is left', async () => {
    temp = await openTempStore();
    const { logs } = temp.store;
    const group = await logs.ensureGroup({ name: 'ttl', ttlInDays: 1 });
    const stream = await logs.ensureStream({ groupId: group.id, name: 's' });
    const DAY = 86_400_000;
    const now = START + 10 * DAY;
    // One block of BLOCK_LINES lines straddling the cut-off: the first half expires.
    const cutoff = now - DAY;
    const lines = Array.from({ length: BLOCK_LINES }, (_, i) => line(cutoff - BLOCK_LINES / 2 + i, `straddle substr${i}`));
    await logs.appendLines(stream.id, [...Array.from({ length: 200 }, (_, i) => line(START + i, `old gone substr${i}`)), ...lines]);
    const before = countBlocks(temp.store.path);
    await logs.applyRetention(now);
    expect(countBlocks(temp.store.path)).toBe(1);
    expect(before).toBeGreaterThan(1);
    const page = await search(temp.store, '*substr*', START, now + DAY);
    expect(page.lines).toHaveLength(BLOCK_LINES / 2);

    await logs.applyRetention(now + DAY);
    expect(countBlocks(temp.store.path)).toBe(0);
    expect((await search(temp.store, '*substr*', START, now + 2 * DAY)).lines).toEqual([]);
  });

  it('are rebuilt from a store with the per-line index (schema v5)', async () => {
    temp = await openTempStore();
    const { logs } = temp.store;
    const group = await logs.ensureGroup({ name: 'old', ttlInDays: 30 });
    const stream = await logs.ensureStream({ groupId: group.id, name: 's' });
    const lines = Array.from({ length: 500 }, (_, i) => line(START + i * 1_000, `line ${i} ${i % 7 === 0 ? 'needle' : 'hay'}`));
    await logs.appendLines(stream.id, lines);
    const path = join(temp.dir, DB_FILE);
    await temp.store.close();
    // Back to schema v5: the per-line trigram index, fully built (and without the later server-error rollup and stream constants).
    const db = openDatabase(path);
    db.exec(`DROP TABLE log_tri_blocks; DROP TABLE logs_tri;
      ALTER TABLE log_stream_fields DROP COLUMN const_v; ALTER TABLE log_stream_fields DROP COLUMN const_to;
      DROP TABLE log_rollup_5xx; DROP TABLE log_rollup_5xx_backfill; DROP INDEX log_rollup_by_stream;
      CREATE INDEX log_rollup_stream_bucket ON log_rollup(stream, bucket);
      CREATE VIRTUAL TABLE logs_tri USING fts5(content, content='logs', content_rowid='id', tokenize='trigram', detail=none);
      INSERT INTO logs_tri(logs_tri) VALUES ('rebuild'); PRAGMA user_version = 5`);
    db.close();

    temp.store = await temp.reopen();
    for (let tries = 0; !(await temp.store.indexProgress()).done && tries < 200; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await temp.store.indexProgress()).toMatchObject({ done: true, doneLines: 500, totalLines: 500 });
    const page = await search(temp.store, '*needle*', START, START + 600_000);
    expect(page.lines).toHaveLength(lines.filter((l) => l.content.includes('needle')).length);
    expect(page.notIndexed ?? []).toEqual([]);
    expect(countBlocks(path)).toBeGreaterThan(0);
  });
});
