/**
 * What the field and substring indexes can answer for one request (reader worker), read per
 * request from a few small rows so that a name refused a moment ago is never trusted:
 *  - nothing while the backfill of older lines is under way (write/index-backfill.ts);
 *  - a field name only when no stream in scope dropped values of it or refused it
 *    (write/field-index.ts, log_stream_fields). Names never seen anywhere have no entries
 *    because no line has them: the index answers them (with nothing) unless a stream in scope
 *    refused names.
 */
import { canonicalField } from '../../../search/fields.ts';
import { ESTIMATE_CAP } from '../query/index-drive.ts';
import type { Drive } from '../query/index-drive.ts';
import type { Database, SqlValue, Statement } from '../sqlite.ts';
import { REFUSED_FID } from '../write/field-index.ts';

export interface IndexView {
  /** True when the trigram index holds every line. */
  readonly substrings: boolean;
  /**
   * The field id that holds every value of `name` for the streams in scope, -1 for a name no
   * line has, or null when the index cannot answer for this scope (the name goes to `unindexed`).
   */
  fieldId(name: string): number | null;
  /**
   * Whether a stream in scope keeps a value of field `fid` once instead of per line
   * (schema-field-index.ts) that passes `condition` (on `k.const_v`, with `:dkey` = key).
   */
  constantPasses(fid: number, condition: string, key: SqlValue): boolean;
  /** Field names queried that the index could not answer, in the order asked. */
  readonly unindexed: string[];
  /** How many candidates a field drive yields over all time, up to ESTIMATE_CAP (0 without an estimate). */
  estimate(drive: Drive): number;
  /** How many lines the word index matches for an FTS5 expression over all time, up to ESTIMATE_CAP. */
  estimateWords(expression: string): number;
}

/** For tests and callers without a store: no index answers anything. */
export const NO_INDEXES: IndexView = {
  substrings: false, fieldId: () => null, constantPasses: () => false, unindexed: [], estimate: () => 0, estimateWords: () => 0,
};

export function createIndexViews(db: Database) {
  const backfill = db.prepare('SELECT next_id > last_id AS done FROM log_index_backfill WHERE one = 1');
  const fidOf = db.prepare('SELECT fid FROM log_field_names WHERE name = ?');
  // Streams where `fid` is incomplete: values dropped, or names refused and this one not admitted.
  const blockers = db.prepare(`
    SELECT sf.sid FROM log_stream_fields sf
     WHERE (sf.fid = ?1 AND sf.gap_from IS NOT NULL)
        OR (sf.fid = ${REFUSED_FID} AND NOT EXISTS (SELECT 1 FROM log_stream_fields a WHERE a.sid = sf.sid AND a.fid = ?1))`);

  const passingConstants = new Map<string, Statement>();
  const constantStreams = (condition: string): Statement => {
    let statement = passingConstants.get(condition);
    if (!statement) {
      statement = db.prepare(`SELECT k.sid FROM log_stream_fields k WHERE k.fid = :dfid AND k.const_v IS NOT NULL AND ${condition}`);
      passingConstants.set(condition, statement);
    }
    return statement;
  };

  const estimates = new Map<string, Statement>();
  const estimate = (drive: Drive): number => {
    if (!drive.estimate) return 0;
    let statement = estimates.get(drive.estimate);
    if (!statement) estimates.set(drive.estimate, (statement = db.prepare(drive.estimate)));
    return (statement.get({ dfid: drive.params.dfid!, dkey: drive.params.dkey! }) as { n: number }).n;
  };

  const words = db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM logs_fts WHERE logs_fts MATCH ? LIMIT ${ESTIMATE_CAP})`);
  const estimateWords = (expression: string): number => (words.get(expression) as { n: number }).n;

  return (sids: readonly number[] | null): IndexView => {
    const done = (backfill.get() as { done: number }).done === 1;
    const unindexed: string[] = [];
    const answered = new Map<string, number | null>();
    return {
      substrings: done,
      unindexed,
      estimate,
      estimateWords,
      constantPasses(fid, condition, key) {
        const streams = constantStreams(condition).all({ dfid: BigInt(fid), dkey: key }) as { sid: number }[];
        return streams.some((row) => sids === null || sids.includes(row.sid));
      },
      fieldId(field) {
        const name = canonicalField(field);
        if (answered.has(name)) return answered.get(name)!;
        let fid: number | null = null;
        if (done) {
          const row = fidOf.get(name) as { fid: number } | undefined;
          const id = row?.fid ?? -1;
          const blocked = (blockers.all(BigInt(id)) as { sid: number }[]).some((row) => sids === null || sids.includes(row.sid));
          fid = blocked ? null : id;
        }
        answered.set(name, fid);
        if (fid === null) unindexed.push(name);
        return fid;
      },
    };
  };
}
