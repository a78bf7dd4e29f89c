// The field and substring indexes on stores written before them (schema v2 → v3, built in
// resumable batches) and under hostile lines (bounded, and still exact when a bound is hit).
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCorpus, loadCorpus } from '../../search/testing/corpus.ts';
import { referenceMatches } from '../../search/testing/reference.ts';
import type { LogLabels, NewLogLine, ScanBudget } from '../ports.ts';
import { openWriterConnection } from './connection.ts';
import { SCHEMA_VERSION, migrate } from './schema.ts';
import { SEQ_PER_MS } from './line-id.ts';
import { openDatabase, transaction } from './sqlite.ts';
import { openTempStore, parsedQuery, type TempStore } from './test-helpers.ts';
import { fieldDriveOf } from './query/index-drive.ts';
import { createIndexViews } from './read/index-view.ts';
import { batchFields, MAX_FIELDS_PER_LINE, MAX_FIELDS_PER_STREAM, REFUSED_FID } from './write/field-index.ts';
import { createWriterApi } from './writer-api.ts';
import { createLineIndexes } from './write/line-indexes.ts';

const START = Date.UTC(2026, 10, 1);
const STEP = 1_000;
const COUNT = 3_000;
const END = START + COUNT * STEP;
const BUDGET: ScanBudget = { maxRows: 10_000_000, maxMs: 30_000 };
const QUERIES = ['status>=500', 'status:503', 'latency_ms>700', 'method:POST', 'USER:root', '*dmin*', '*ission*', 'rt<=0.25 AND GET'];

let temp: TempStore | null = null;
afterEach(async () => {
  await temp?.dispose();
  temp = null;
});

async function matches(store: TempStore['store'], text: string, from = START, to = END): Promise<string[]> {
  const page = await store.search.searchLines({ query: parsedQuery(text), from, to, streamIds: null, order: 'newest', limit: 10_000, position: null, budget: BUDGET });
  expect(page.next).toBeNull();
  return page.lines.map((line) => line.content);
}

/** Turns a store file back into schema v2, as older Vigils wrote it: without the field and trigram
 * indexes and without what later migrations add (ingest cursors, the rollup's stream index, the
 * server-error rollup). */
function downgradeToV2(path: string): void {
  const db = openDatabase(path);
  db.exec('DROP TABLE log_fields; DROP TABLE logs_tri; DROP TABLE log_tri_blocks; DROP TABLE log_field_names; DROP TABLE log_stream_fields; DROP TABLE log_index_backfill; ' +
    'DROP TABLE ingest_cursors; DROP INDEX log_rollup_by_stream; DROP TABLE log_rollup_5xx; DROP TABLE log_rollup_5xx_backfill; PRAGMA user_version = 2');
  db.close();
}

describe('stores written before the field and substring indexes', () => {
  it('build them in batches that resume after a restart, and search exactly throughout', async () => {
    temp = await openTempStore();
    const corpus = buildCorpus(COUNT, START, STEP);
    await loadCorpus(temp.store, corpus);
    const path = temp.store.path;
    await temp.store.close();
    downgradeToV2(path);

    // Migrate and index two batches, then "crash" (close without finishing).
    let db = openWriterConnection(path);
    expect(migrate(db, path)).toEqual({ from: 2, to: SCHEMA_VERSION });
    let indexes = createLineIndexes(db, 1_000);
    expect(indexes.backfill.progress()).toMatchObject({ done: false, doneLines: 0, totalLines: COUNT });
    expect(indexes.backfill.step()).toBe(false);
    expect(indexes.backfill.step()).toBe(false);
    db.close();

    // The next writer resumes at the saved position and finishes.
    db = openWriterConnection(path);
    indexes = createLineIndexes(db, 1_000);
    expect(indexes.backfill.progress()).toMatchObject({ done: false, doneLines: 2_000 });
    expect(indexes.backfill.covers(Number.MAX_SAFE_INTEGER)).toBe(true);
    while (!indexes.backfill.step());
    expect(indexes.backfill.progress()).toMatchObject({ done: true, doneLines: COUNT });
    const entries = db.prepare('SELECT count(*) AS n FROM (SELECT DISTINCT id FROM log_fields)').get() as { n: number };
    expect(entries.n).toBeGreaterThan(COUNT / 2);
    db.close();

    temp.store = await temp.reopen();
    expect(await temp.store.indexProgress()).toMatchObject({ done: true, doneLines: COUNT, error: null });
    for (const text of QUERIES) {
      const want = corpus.filter((line) => line.time >= START && line.time < END && referenceMatches(parsedQuery(text), line)).map((line) => line.content);
      expect((await matches(temp.store, text)).sort(), text).toEqual(want.sort());
    }
  });

  it('are built by the store itself in the background after an upgrade', async () => {
    temp = await openTempStore();
    const corpus = buildCorpus(COUNT, START, STEP);
    await loadCorpus(temp.store, corpus);
    const path = temp.store.path;
    await temp.store.close();
    downgradeToV2(path);
    temp.store = await temp.reopen();
    // Searches during the build run without the new indexes and stay exact.
    const during = await matches(temp.store, 'status>=500');
    for (let tries = 0; !(await temp.store.indexProgress()).done && tries < 200; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await temp.store.indexProgress()).toMatchObject({ done: true, doneLines: COUNT });
    expect(await matches(temp.store, 'status>=500')).toEqual(during);
  });
});

describe('pages driven by a field range', () => {
  it('stop on the budget and resume so that following cursors yields every match once', async () => {
    temp = await openTempStore();
    const corpus = buildCorpus(COUNT, START, STEP);
    await loadCorpus(temp.store, corpus);
    const query = parsedQuery('status>=400');
    const want = corpus.filter((line) => referenceMatches(query, line)).length;
    expect(want).toBeGreaterThan(100);
    for (const order of ['newest', 'oldest'] as const) {
      const seen: string[] = [];
      let position: string | null = null;
      let stops = 0;
      for (let pages = 0; pages < 500; pages++) {
        const page: Awaited<ReturnType<typeof temp.store.search.searchLines>> = await temp.store.search.searchLines({
          query, from: START, to: END, streamIds: null, order, limit: 1_000, position, budget: { maxRows: Math.ceil(want / 3), maxMs: 30_000 },
        });
        if (page.truncatedReason !== null) stops++;
        seen.push(...page.lines.map((line) => line.lineNum));
        position = page.next;
        if (position === null) break;
      }
      expect(position).toBeNull();
      expect(stops).toBeGreaterThan(0);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(want);
    }
  });
});

describe('hostile lines', () => {
  it('index at most the bounded number of fields, record what they left out, and stay exact', async () => {
    temp = await openTempStore();
    const group = await temp.store.logs.ensureGroup({ name: 'hostile', ttlInDays: 30 });
    const stream = await temp.store.logs.ensureStream({ groupId: group.id, name: 'json' });
    const wide = `{${Array.from({ length: 100 }, (_, i) => `"w${i}":${i}`).join(',')}}`;
    // Many lines with new names each: the stream runs out of names.
    const many = Array.from({ length: 6 }, (_, line) => `{${Array.from({ length: 50 }, (_, i) => `"n${line}_${i}":1`).join(',')}}`);
    const lines = [wide, ...many, '{"status":503}'].map((content, i) => ({ time: START + i * STEP, content, labels: {} }));
    await temp.store.logs.appendLines(stream.id, lines);

    const db = openDatabase(join(temp.dir, 'vigil.db'), { readOnly: true });
    const rows = db.prepare('SELECT n.name, fid, gap_from FROM log_stream_fields LEFT JOIN log_field_names n USING (fid)').all() as { name: string | null; fid: number; gap_from: number | null }[];
    const admitted = rows.filter((row) => row.fid !== REFUSED_FID);
    expect(admitted.length).toBe(MAX_FIELDS_PER_STREAM);
    expect(rows.some((row) => row.fid === REFUSED_FID && row.gap_from !== null)).toBe(true);
    // The wide line came first: the names it was allowed became the stream's constants.
    expect(admitted.filter((row) => row.name!.startsWith('w')).length).toBe(MAX_FIELDS_PER_LINE);
    db.close();

    // Indexed, dropped on the wide line, refused by the stream, and after the bound: all exact.
    expect(await matches(temp.store, 'w3:3')).toEqual([wide]);
    expect(await matches(temp.store, 'w99>98')).toEqual([wide]);
    expect(await matches(temp.store, 'n5_49:1')).toEqual([many[5]]);
    expect(await matches(temp.store, 'status:503')).toEqual(['{"status":503}']);

    // Results say which parts no index could answer (and so were scanned).
    const notIndexed = async (text: string) =>
      (await temp!.store.search.searchLines({ query: parsedQuery(text), from: START, to: END, streamIds: null, order: 'newest', limit: 10, position: null, budget: BUDGET })).notIndexed;
    expect(await notIndexed('n5_49:1')).toEqual(['n5_49']);
    expect(await notIndexed('w99>98')).toEqual(['w99']);
    expect(await notIndexed('w3:3')).toEqual([]);
    expect(await notIndexed('*ss*')).toEqual(['*ss*']);
    expect(await notIndexed('*status*')).toEqual([]);
    const histogram = await temp.store.search.histogram({ query: parsedQuery('n5_49:1'), from: START, to: END, streamIds: null, bucketMs: 60_000, budget: BUDGET });
    expect(histogram).toMatchObject({ total: 1, notIndexed: ['n5_49'] });
  });
});

describe('fields extracted on the caller thread', () => {
  /** A fresh store file with the writer's API and line indexes on it (no workers), and one stream. */
  function writerOn(path: string) {
    const db = openWriterConnection(path);
    migrate(db, path);
    const indexes = createLineIndexes(db);
    const api = createWriterApi(db, indexes);
    const group = api.ensureGroup({ name: 'g', ttlInDays: 30 });
    const stream = api.ensureStream({ groupId: group.id, name: 's' });
    const { sid } = db.prepare('SELECT sid FROM log_streams WHERE id = ?').get(stream.id) as { sid: number };
    return { db, api, indexes, streamId: stream.id, sid };
  }
  type Db = ReturnType<typeof openWriterConnection>;
  const dump = (db: Db) => ({
    fields: db.prepare('SELECT n.name, f.v, f.id FROM log_fields f JOIN log_field_names n USING (fid) ORDER BY n.name, f.v, f.id').all(),
    streams: db.prepare('SELECT n.name, s.fid = 0 AS refused, s.gap_from FROM log_stream_fields s LEFT JOIN log_field_names n USING (fid) ORDER BY refused, n.name').all(),
  });
  /** (name, value, line) facts the index answers: its rows, and each stream constant's covered lines having that value in `values`. */
  const facts = (db: Db, values: readonly { name: string; v: unknown; id: number }[]) => {
    const constants = db.prepare(
      'SELECT n.name, s.const_v AS v, s.const_to AS upTo FROM log_stream_fields s JOIN log_field_names n USING (fid) WHERE s.const_v IS NOT NULL',
    ).all() as { name: string; v: unknown; upTo: number | null }[];
    const covered = values.filter((fact) => constants.some((c) => c.name === fact.name && c.v === fact.v && (c.upTo === null || fact.id <= c.upTo)));
    const key = (fact: { name: string; v: unknown; id: number }) => `${fact.name}\u0000${String(fact.v)}\u0000${fact.id}`;
    return [...new Set([...(dump(db).fields as unknown as typeof values), ...covered].map(key))].sort();
  };

  it('index exactly what the writer indexes when it extracts them itself (older lines), bounds and gaps included', async () => {
    temp = await openTempStore();
    const wide = `{${Array.from({ length: 100 }, (_, i) => `"w${i}":${i}`).join(',')}}`;
    const many = Array.from({ length: 6 }, (_, line) => `{${Array.from({ length: 50 }, (_, i) => `"n${line}_${i}":1`).join(',')}}`);
    const contents = [wide, ...many, '10.0.0.1 - - [01/Nov/2026:00:00:00 +0000] "GET /a HTTP/1.1" 503 12 "-" "curl"', 'user=root latency_ms=70', '{"status":503}'];
    const lines: NewLogLine[] = contents.map((content, i) => ({ time: START + i * STEP, content, labels: (i % 2 ? { level: 'ERROR', hostName: `h${i}` } : {}) as LogLabels }));

    const byWriter = writerOn(join(temp.dir, 'writer.db'));
    const byCaller = writerOn(join(temp.dir, 'caller.db'));
    // The writer's own extraction, as the build of the index over older lines runs it.
    transaction(byWriter.db, () => {
      for (const line of lines) byWriter.indexes.fields.index(byWriter.sid, line.time * SEQ_PER_MS, line.content, line.labels);
      byWriter.indexes.fields.flush();
    });
    byCaller.api.appendLines(byCaller.streamId, lines, batchFields(lines));
    const expected = dump(byWriter.db);
    expect(expected.fields.length).toBeGreaterThan(MAX_FIELDS_PER_STREAM);
    expect(expected.streams.some((row) => (row as { refused: number }).refused === 1)).toBe(true);
    expect(dump(byCaller.db).streams).toEqual(expected.streams);
    // The caller's lines share values (constants) where the writer's own pass writes rows: same facts.
    const values = expected.fields as { name: string; v: unknown; id: number }[];
    expect(facts(byCaller.db, values)).toEqual(facts(byWriter.db, values));
    expect((dump(byCaller.db).fields as unknown[]).length).toBeLessThan(values.length);
    byWriter.db.close();
    byCaller.db.close();
  });

  it('are refused with the whole batch when they do not match its lines', async () => {
    temp = await openTempStore();
    const { db, api, streamId } = writerOn(join(temp.dir, 'vigil.db'));
    const lines = [{ time: START, content: 'status=500', labels: {} }, { time: START + 1, content: 'status=200', labels: {} }];
    const fields = batchFields(lines);
    expect(() => api.appendLines(streamId, lines.slice(0, 1), fields)).toThrow(/do not match the lines/);
    expect(() => api.appendLines(streamId, lines, { ...fields, entries: [7, 500, 7, 200] })).toThrow(/unknown name position/);
    expect(db.prepare('SELECT count(*) AS n FROM logs').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('values a stream\'s lines share', () => {
  it('are kept once per stream until a line differs, and lookups stay exact through changes, gaps and late lines', async () => {
    temp = await openTempStore();
    const { logs } = temp.store;
    const group = await logs.ensureGroup({ name: 'hosts', ttlInDays: 30 });
    const a = await logs.ensureStream({ groupId: group.id, name: 'a' });
    const b = await logs.ensureStream({ groupId: group.id, name: 'b' });
    const c = await logs.ensureStream({ groupId: group.id, name: 'c' });
    const line = (i: number, labels: LogLabels, content = `request ${i} status=200`): NewLogLine => ({ time: START + i * 100, content, labels });
    const batches: [typeof a, NewLogLine[]][] = [
      // Stream a: host "a" on 12,000 lines but one, then host "b" (the constant ends and stays, covering the first ones), then late lines.
      [a, Array.from({ length: 12_000 }, (_, i) => line(i, i === 5 ? {} : { hostName: 'a', port: '22' }))],
      [a, Array.from({ length: 5 }, (_, i) => line(12_000 + i, { hostName: 'b', port: '22' }))],
      [a, [line(3, { hostName: 'a', port: '2222' }, 'late a'), line(4, { hostName: 'c' }, 'late c')]],
      // Stream b: host "a" on every line, never changing.
      [b, Array.from({ length: 8 }, (_, i) => line(20_000 + i, { hostName: 'a', port: '22' }, `b ${i} status=500`))],
      // Stream c: a short constant that ends: its lines get rows instead.
      [c, Array.from({ length: 4 }, (_, i) => line(21_000 + i, { hostName: i < 3 ? 'x' : 'y' }, `c ${i}`))],
    ];
    for (const [stream, lines] of batches) await logs.appendLines(stream.id, lines);
    const all = batches.flatMap(([stream, lines]) => lines.map((l) => ({ ...l, stream: stream.id })));

    const db = openDatabase(join(temp.dir, 'vigil.db'), { readOnly: true });
    const rowsOf = (stream: string, name: string) =>
      (db.prepare(`SELECT count(*) AS n FROM log_fields f JOIN log_field_names n USING (fid) JOIN logs l ON l.id = f.id
        JOIN log_streams s ON s.sid = l.stream WHERE s.id = ? AND n.name = ?`).get(stream, name) as { n: number }).n;
    expect([rowsOf(a.id, 'hostName'), rowsOf(b.id, 'hostName'), rowsOf(b.id, 'port'), rowsOf(c.id, 'hostName')]).toEqual([5 + 2, 0, 0, 4]);
    const constantsOf = (stream: string) => db.prepare(`SELECT n.name, k.const_v AS v, k.const_to IS NULL AS open FROM log_stream_fields k
      JOIN log_field_names n USING (fid) JOIN log_streams s ON s.sid = k.sid WHERE s.id = ? AND k.const_v IS NOT NULL ORDER BY n.name`).all(stream);
    expect(constantsOf(a.id)).toEqual([{ name: 'hostName', v: 'a', open: 0 }, { name: 'port', v: 22, open: 0 }, { name: 'status', v: 200, open: 1 }]);
    expect(constantsOf(b.id)).toEqual([{ name: 'hostName', v: 'a', open: 1 }, { name: 'port', v: 22, open: 1 }, { name: 'status', v: 500, open: 1 }]);
    expect(constantsOf(c.id)).toEqual([]);
    db.close();

    const to = START + 30_000 * 100;
    for (const text of ['hostName:a', 'hostName:b', 'hostName:c', 'hostName:x', 'port:22', 'port>100', 'port<100', 'status>=500', 'status:200 AND hostName:a', 'hostName:a AND NOT port:22']) {
      for (const streamIds of [null, [a.id], [b.id, c.id]]) {
        const label = `${text} in ${streamIds ?? 'all'}`;
        const want = all.filter((l) => (streamIds === null || streamIds.includes(l.stream)) && referenceMatches(parsedQuery(text), l)).map((l) => l.content).sort();
        const histogram = await temp.store.search.histogram({ query: parsedQuery(text), from: START, to, streamIds, bucketMs: 3_600_000, budget: BUDGET });
        expect(histogram.total, label).toBe(want.length);
        expect(histogram.notIndexed ?? [], label).toEqual([]);
        if (want.length > 1_000) continue;
        const page = await temp.store.search.searchLines({ query: parsedQuery(text), from: START, to, streamIds, order: 'newest', limit: 1_000, position: null, budget: BUDGET });
        expect(page.lines.map((found) => found.content).sort(), label).toEqual(want);
      }
    }
    // A constant that does not pass adds nothing: the rows alone answer, in the exact, ordered
    // plans; one that passes unites its stream's lines with the rows, checked on the row.
    const reader = openDatabase(join(temp.dir, 'vigil.db'), { readOnly: true });
    const view = createIndexViews(reader)(null);
    const planOf = (text: string) => {
      const drive = fieldDriveOf(parsedQuery(text), view)!;
      return { ordered: drive.ordered, exact: drive.exact !== null };
    };
    expect(planOf('hostName:x')).toEqual({ ordered: true, exact: false });
    expect(planOf('port>100')).toEqual({ ordered: false, exact: true });
    expect(planOf('hostName:a')).toEqual({ ordered: false, exact: false });
    expect(planOf('port<100')).toEqual({ ordered: false, exact: false });
    reader.close();
  }, 60_000);
});
