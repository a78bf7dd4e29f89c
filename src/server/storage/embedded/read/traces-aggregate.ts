/**
 * Timeline, facets and the distinct actors (reader worker), counted over the in-memory trace
 * columns. Filters on substrings of resource ids and names, free text and request ids are not in the
 * columns: SQL finds the matching row ids in the time range first, and the pass over the
 * columns keeps only those. A substring has no index, so that search walks the range newest
 * first within a time budget; when the budget ends it, the counts cover only the part walked
 * and say so (`coveredFrom`).
 */
import type { TraceFacetName } from '../../../../contract/index.ts';
import { ipInCidr } from '../../../../query/index.ts';
import type { FacetData, FacetsData, TimelineData, TimelinePointData, TimelineRequest, TraceFilter } from '../../ports.ts';
import type { Database } from '../sqlite.ts';
import { RATING_CODE, RATING_OF, TYPE_CODE, sharedTraceColumnCache, type TraceColumns } from './traces-columns.ts';
import { add, addTextConditions, addTimeRange, conditions, hasTextConditions, SCAN_FUNCTION, TraceScan, whereSql, withScan } from './traces-sql.ts';

const MAX_BUCKETS = 1_000;
const MAX_POINTS = 10_000;
const MAX_TOP = 100;
export const TEXT_SCAN_MS = 500;

/** Row ids passing the SQL-only filters; `coveredFrom` is set when the scan stopped early. */
interface TextMatches {
  ids: Set<number>;
  coveredFrom: number | null;
}

/** One filter field as a test on a row position; `facet` names the facet it belongs to. */
interface FieldTest {
  facet: TraceFacetName | null;
  test: (i: number) => boolean;
}

const setOf = <T>(values: readonly T[]) => new Set(values);

function fieldTests(filter: TraceFilter, columns: TraceColumns, text: TextMatches | null): FieldTest[] {
  const { coded, dictionaries } = columns;
  const tests: FieldTest[] = [];
  const byDictionary = (facet: TraceFacetName | null, column: keyof typeof coded, values: readonly string[]) => {
    if (values.length === 0) return;
    const wanted = setOf(values);
    const table = dictionaries[column].lookup((value) => wanted.has(value));
    const codes = coded[column];
    tests.push({ facet, test: (i) => table[codes[i]!] === 1 });
  };
  byDictionary('service_type', 'service_type', filter.serviceTypes);
  byDictionary('resource_type', 'resource_type', filter.resourceTypes);
  byDictionary('trace_name', 'trace_name', filter.traceNames);
  if (filter.ratings.length > 0) {
    const mask = filter.ratings.reduce((bits, rating) => bits | (1 << RATING_CODE[rating]), 0);
    tests.push({ facet: null, test: (i) => ((1 << columns.rating[i]!) & mask) !== 0 });
  }
  if (filter.traceTypes.length > 0) {
    const mask = filter.traceTypes.reduce((bits, type) => bits | (1 << TYPE_CODE[type]), 0);
    tests.push({ facet: null, test: (i) => ((1 << columns.type[i]!) & mask) !== 0 });
  }
  if (filter.users.length > 0) {
    const wanted = setOf(filter.users);
    const names = dictionaries.user_name.lookup((value) => wanted.has(value));
    const ids = dictionaries.user_id.lookup((value) => wanted.has(value));
    const nameCodes = coded.user_name;
    const idCodes = coded.user_id;
    tests.push({ facet: 'user', test: (i) => names[nameCodes[i]!] === 1 || ids[idCodes[i]!] === 1 });
  }
  if (filter.sourceIps.length > 0 || filter.networks.length > 0) {
    const exact = setOf(filter.sourceIps);
    const table = dictionaries.source_ip.lookup(
      (ip) => exact.has(ip) || filter.networks.some((network) => ipInCidr(ip, network.address, network.prefixLength)),
    );
    const codes = coded.source_ip;
    tests.push({ facet: 'source_ip', test: (i) => table[codes[i]!] === 1 });
  }
  if (filter.codes.length > 0 || filter.codeClasses.length > 0) {
    const exact = setOf(filter.codes);
    const classes = setOf(filter.codeClasses.map(String));
    const table = dictionaries.code.lookup((code) => exact.has(code) || (code.length === 3 && classes.has(code[0]!)));
    const codes = coded.code;
    tests.push({ facet: null, test: (i) => table[codes[i]!] === 1 });
  }
  if (text) tests.push({ facet: null, test: (i) => text.ids.has(columns.id[i]!) });
  return tests;
}

const FACET_COLUMN: Record<TraceFacetName, 'user_name' | 'source_ip' | 'service_type' | 'trace_name' | 'resource_type'> = {
  user: 'user_name',
  source_ip: 'source_ip',
  service_type: 'service_type',
  trace_name: 'trace_name',
  resource_type: 'resource_type',
};
const FACETS = Object.keys(FACET_COLUMN) as TraceFacetName[];

function topValues(counts: Float64Array, values: readonly string[], top: number): FacetData {
  const found: { value: string; count: number }[] = [];
  counts.forEach((count, code) => {
    // Empty values (system actions have no source address) are not something to filter by.
    if (count > 0 && values[code] !== '') found.push({ value: values[code]!, count });
  });
  found.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  return { values: found.slice(0, top), distinct: found.length };
}

export function createTraceAggregateQueries(db: Database, { textScanMs = TEXT_SCAN_MS } = {}) {
  const cache = sharedTraceColumnCache(db);
  const traceIds = db.prepare('SELECT id, trace_id FROM traces WHERE id IN (SELECT value FROM json_each(?))');

  /** Row ids passing the SQL-only filters in the range; null when there are none. */
  const textMatches = (filter: TraceFilter): TextMatches | null => {
    if (!hasTextConditions(filter)) return null;
    const where = conditions();
    addTimeRange(where, filter);
    // Request ids are indexed and select a handful of rows; only substrings need the budget.
    const scan = filter.requestIds.length > 0 ? null : new TraceScan(textScanMs);
    if (scan) add(where, `${SCAN_FUNCTION}(time, id)`);
    addTextConditions(where, filter);
    const index = scan ? 'INDEXED BY traces_time' : 'INDEXED BY traces_request_id';
    // A fresh statement each time: one stopped by the budget cannot run again (node:sqlite).
    const statement = db.prepare(`SELECT id, time FROM traces ${index} ${whereSql(where)} ORDER BY time DESC, id DESC`);
    const found: { id: number; time: number }[] = [];
    const collect = () => {
      for (const row of statement.iterate(...where.params)) found.push(row as { id: number; time: number });
    };
    if (!scan) {
      collect();
      return { ids: new Set(found.map((row) => row.id)), coveredFrom: null };
    }
    try {
      withScan(scan, collect);
    } catch (error) {
      if (!scan.stopped) throw error;
    }
    // Traces at the stopping millisecond may not all have been looked at: count from the next one.
    const coveredFrom = scan.stopped ? scan.lastTime + 1 : null;
    const ids = new Set(found.filter((row) => coveredFrom === null || row.time >= coveredFrom).map((row) => row.id));
    return { ids, coveredFrom };
  };

  return {
    async timeline(request: TimelineRequest): Promise<TimelineData> {
      const { filter, bucketStart, bucketMs, bucketCount, maxPoints } = request;
      if (!(bucketMs > 0) || !Number.isInteger(bucketCount) || bucketCount < 1 || bucketCount > MAX_BUCKETS) throw new Error('invalid bucket grid');
      if (!Number.isInteger(maxPoints) || maxPoints < 0 || maxPoints > MAX_POINTS) throw new Error(`maxPoints must be 0..${MAX_POINTS}`);
      const columns = await cache.current();
      const text = textMatches(filter);
      const from = text?.coveredFrom ?? filter.from;
      const tests = fieldTests(filter, columns, text).map((t) => t.test);
      const counts = [new Array<number>(bucketCount).fill(0), new Array<number>(bucketCount).fill(0), new Array<number>(bucketCount).fill(0)];
      const matched: number[] = [];
      const { time, rating } = columns;
      let total = 0;
      rows: for (let i = 0; i < columns.size; i++) {
        const t = time[i]!;
        if (t < from || t >= filter.to) continue;
        for (const test of tests) if (!test(i)) continue rows;
        const bucket = Math.floor((t - bucketStart) / bucketMs);
        if (bucket >= 0 && bucket < bucketCount) counts[rating[i]!]![bucket]!++;
        total++;
        if (matched.length <= maxPoints) matched.push(i);
      }
      const points = total <= maxPoints ? pointsOf(columns, matched) : null;
      return { normal: counts[0]!, warning: counts[1]!, incident: counts[2]!, total, points, coveredFrom: text?.coveredFrom ?? null };
    },

    async facets(filter: TraceFilter, top: number): Promise<FacetsData> {
      if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) throw new Error(`top must be 1..${MAX_TOP}`);
      const columns = await cache.current();
      const text = textMatches(filter);
      const from = text?.coveredFrom ?? filter.from;
      const tests = fieldTests(filter, columns, text);
      const counts = Object.fromEntries(
        FACETS.map((facet) => [facet, new Float64Array(columns.dictionaries[FACET_COLUMN[facet]].values.length)]),
      ) as Record<TraceFacetName, Float64Array>;
      const codes = FACETS.map((facet) => [counts[facet], columns.coded[FACET_COLUMN[facet]]] as const);
      const { time } = columns;
      let total = 0;
      for (let i = 0; i < columns.size; i++) {
        const t = time[i]!;
        if (t < from || t >= filter.to) continue;
        // A row failing exactly one facet's own filter still counts for that facet.
        let failed: FieldTest | null = null;
        let failures = 0;
        for (const field of tests) {
          if (field.test(i)) continue;
          failed = field;
          if (++failures > 1 || field.facet === null) break;
        }
        if (failures === 0) {
          total++;
          for (const [facetCounts, facetCodes] of codes) facetCounts[facetCodes[i]!]!++;
        } else if (failures === 1 && failed?.facet) {
          counts[failed.facet][columns.coded[FACET_COLUMN[failed.facet]][i]!]!++;
        }
      }
      const facets = Object.fromEntries(
        FACETS.map((facet) => [facet, topValues(counts[facet], columns.dictionaries[FACET_COLUMN[facet]].values, top)]),
      ) as Record<TraceFacetName, FacetData>;
      return { total, facets, coveredFrom: text?.coveredFrom ?? null };
    },

    async actors(): Promise<{ users: string[]; sourceIps: string[] }> {
      const { dictionaries } = await cache.current();
      return {
        users: dictionaries.user_name.values.filter((value) => value !== ''),
        sourceIps: dictionaries.source_ip.values.filter((value) => value !== ''),
      };
    },
  };

  function pointsOf(columns: TraceColumns, positions: readonly number[]): TimelinePointData[] {
    const ids = positions.map((i) => columns.id[i]!);
    const traceIdOf = new Map<number, string>();
    for (const row of traceIds.all(JSON.stringify(ids)) as { id: number; trace_id: string }[]) traceIdOf.set(row.id, row.trace_id);
    const value = (column: keyof TraceColumns['coded'], i: number) => columns.dictionaries[column].values[columns.coded[column][i]!]!;
    return positions
      .map((i) => ({
        time: columns.time[i]!,
        trace_id: traceIdOf.get(columns.id[i]!) ?? '',
        service_type: value('service_type', i),
        trace_name: value('trace_name', i),
        trace_rating: RATING_OF[columns.rating[i]!]!,
        user: value('user_name', i),
        source_ip: value('source_ip', i),
      }))
      .sort((a, b) => a.time - b.time);
  }
}
