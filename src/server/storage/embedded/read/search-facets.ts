/**
 * Top values of a few fields over the matching lines (reader worker). The work is bounded twice:
 * at most `sampleLines` matches are counted (the newest, since results are read newest first),
 * and finding them is bounded by the scan budget. Either bound shows in the result.
 */
import type { FacetCounts, FacetRequest, FacetResult } from '../../ports.ts';
import { compileQuery, SqlBuilder } from '../query/compile.ts';
import { ScanState } from '../query/scan.ts';
import { idAt, selectParams, selectSql, sidsOf } from '../query/select.ts';
import type { StreamInfo } from '../query/select.ts';
import type { SearchContext } from './search-context.ts';
import { assertWindow } from './search-lines.ts';

export interface WorkerFacets extends FacetRequest {
  cancel: SharedArrayBuffer | null;
}

const MAX_FIELDS = 16;
const MAX_SAMPLE = 1_000_000;

class Tally {
  readonly counts = new Map<string | number, number>();
  missing = 0;

  add(value: unknown): void {
    if (value === null || value === undefined || value === '') {
      this.missing++;
      return;
    }
    const key = typeof value === 'number' ? value : String(value);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
}

function topValues(field: string, tally: Tally, lines: number, top: number, streams: Map<number, StreamInfo>): FacetCounts {
  const sorted = [...tally.counts].sort(([a, x], [b, y]) => y - x || String(a).localeCompare(String(b)));
  const values = sorted.slice(0, top).map(([value, count]) => {
    if (field !== 'stream') return { value: String(value), count };
    const stream = streams.get(value as number);
    return { value: stream?.name ?? String(value), count, group: stream?.groupName ?? '' };
  });
  const shown = values.reduce((sum, entry) => sum + entry.count, 0);
  return { field, values, other: lines - tally.missing - shown, missing: tally.missing };
}

export function createFacets(context: SearchContext) {
  return {
    searchFacets(request: WorkerFacets): FacetResult {
      const { from, to, fields, sampleLines, top } = request;
      assertWindow(from, to);
      if (!Array.isArray(fields) || fields.length === 0 || fields.length > MAX_FIELDS) throw new Error(`fields must list 1..${MAX_FIELDS} names`);
      if (!Number.isInteger(sampleLines) || sampleLines < 1 || sampleLines > MAX_SAMPLE) throw new Error(`sampleLines must be 1..${MAX_SAMPLE}`);
      if (!Number.isInteger(top) || top < 1 || top > 100) throw new Error('top must be 1..100');

      const streams = context.streams();
      const sids = sidsOf(streams, request.streamIds);
      const query = compileQuery(request.query, context.indexes(sids));
      // Field values use their own parameter names next to the query's.
      const values = new SqlBuilder('v');
      const columns = ['l.ts', ...fields.map((field) => (field === 'stream' ? 'l.stream' : values.fieldValue(field)))];
      const tallies = fields.map(() => new Tally());
      const state = new ScanState(request.budget, request.cancel);
      state.useTests(query.tests);

      let lines = 0;
      let oldest: number | null = null;
      let sampled = false;
      if (from < to && (sids === null || sids.length > 0)) {
        const sql = selectSql(query, { columns: columns.join(', '), streams: sids !== null, order: 'newest' });
        const params = (lo: number, hi: number) => selectParams(query, lo, hi, sids, { ...values.params, n: BigInt(sampleLines + 1 - lines) });
        const count = (row: unknown[]) => {
          if (lines === sampleLines) {
            sampled = true;
            return false;
          }
          lines++;
          oldest = row[0] as number;
          for (let index = 0; index < tallies.length; index++) tallies[index]!.add(row[index + 1]);
          return true;
        };
        context.scanWindow<unknown[]>(query, sql, { lo: idAt(from), hi: idAt(to), order: 'newest' }, state, params, count, true);
      }
      return {
        facets: fields.map((field, index) => topValues(field, tallies[index]!, lines, top, streams)),
        lines,
        oldestCounted: oldest,
        truncatedReason: state.stop ?? (sampled ? 'sample_limit' : null),
      };
    },
  };
}
