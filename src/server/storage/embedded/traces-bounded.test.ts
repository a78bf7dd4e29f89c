// Bounded scans over traces: with a budget too small to finish, list pages come back partial with
// a cursor where the scan stopped, and following the cursors still yields every match once;
// timeline counts for substring filters say which part of the range they cover.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceFilter } from '../ports.ts';
import { openReaderConnection } from './connection.ts';
import { createTraceAggregateQueries } from './read/traces-aggregate.ts';
import { createTraceListQueries } from './read/traces-list.ts';
import { registerTraceFunctions } from './read/traces-sql.ts';
import type { Database } from './sqlite.ts';
import { makeTrace, openTempStore, type TempStore } from './test-helpers.ts';

const T0 = Date.UTC(2026, 10, 1);
const everything: TraceFilter = {
  from: T0, to: T0 + 86_400_000, serviceTypes: [], resourceTypes: [], traceNames: [], ratings: [], traceTypes: [], users: [],
  sourceIps: [], networks: [], resourceIds: [], resourceNames: [], texts: [], requestIds: [], codes: [], codeClasses: [],
};

let temp: TempStore;
let db: Database;
beforeAll(async () => {
  temp = await openTempStore();
  // 5000 traces, one in fifty from 10.1.x.x, several sharing each millisecond.
  const traces = Array.from({ length: 5_000 }, (_, i) =>
    makeTrace(`t${i}`, {
      time: T0 + Math.floor(i / 3) * 1_000,
      source_ip: i % 50 === 0 ? `10.1.${i % 7}.${i % 200}` : `192.168.${i % 9}.${i % 250}`,
      resource_name: `volume-${i % 13}`,
    }),
  );
  await temp.store.traces.appendTraces(traces);
  db = openReaderConnection(temp.store.path);
  registerTraceFunctions(db);
});
afterAll(async () => {
  db.close();
  await temp.dispose();
});

describe('trace list, bounded scan', () => {
  it('stops early and resumes where it stopped, missing nothing and repeating nothing', () => {
    const bounded = createTraceListQueries(db, { scanMs: 0 });
    const filter = { ...everything, networks: [{ address: '10.1.0.0', prefixLength: 16 }] };
    const seen: string[] = [];
    let after = null;
    let partialPages = 0;
    for (let pages = 0; pages < 1_000; pages++) {
      const page = bounded.listTraces(filter, { limit: 20, after });
      if (page.next && page.traces.length < 20) partialPages++;
      seen.push(...page.traces.map((t) => t.trace_id));
      if (!page.next) break;
      after = page.next;
    }
    const want = Array.from({ length: 5_000 }, (_, i) => i).filter((i) => i % 50 === 0).reverse().map((i) => `t${i}`);
    expect(partialPages).toBeGreaterThan(0);
    expect(seen).toEqual(want);
  });

  it('answers the same in one go without the bound', () => {
    const page = createTraceListQueries(db).listTraces({ ...everything, networks: [{ address: '10.1.0.0', prefixLength: 16 }] }, { limit: 500, after: null });
    expect(page.traces).toHaveLength(100);
    expect(page.next).toBeNull();
  });

  it('counts a substring filter over the part of the range it could search, and says so', async () => {
    const timeOf = (i: number) => T0 + Math.floor(i / 3) * 1_000;
    const request = (scanMs: number) =>
      createTraceAggregateQueries(db, { textScanMs: scanMs }).timeline({
        filter: { ...everything, resourceNames: ['VOLUME-7'] }, bucketStart: T0, bucketMs: 3_600_000, bucketCount: 24, maxPoints: 0,
      });
    const named = Array.from({ length: 5_000 }, (_, i) => i).filter((i) => i % 13 === 7);
    expect(await request(60_000)).toMatchObject({ coveredFrom: null, total: named.length });
    const part = await request(0);
    expect(part.coveredFrom).toBeGreaterThan(T0);
    expect(part.total).toBe(named.filter((i) => timeOf(i) >= part.coveredFrom!).length);
  });

  it('treats free text like the resource name substring: bounded, and says what it covered', async () => {
    const timeOf = (i: number) => T0 + Math.floor(i / 3) * 1_000;
    const request = (scanMs: number) =>
      createTraceAggregateQueries(db, { textScanMs: scanMs }).timeline({
        filter: { ...everything, texts: ['VOLUME-7'] }, bucketStart: T0, bucketMs: 3_600_000, bucketCount: 24, maxPoints: 0,
      });
    const named = Array.from({ length: 5_000 }, (_, i) => i).filter((i) => i % 13 === 7);
    expect(await request(60_000)).toMatchObject({ coveredFrom: null, total: named.length });
    const part = await request(0);
    expect(part.coveredFrom).toBeGreaterThan(T0);
    expect(part.total).toBe(named.filter((i) => timeOf(i) >= part.coveredFrom!).length);
  });
});
