/**
 * Drives from the field index and the trigram index (schema-field-index.ts), for queries whose
 * top-level AND has no part the word index answers. A drive yields candidate rows; the compiled
 * `where` still checks every other part, and the driving part too unless the index answers it
 * exactly:
 *  - a numeric comparison (`status>=500`, `duration_ms>1000`) is exact: the key is the number
 *    exactly when the query language reads the value as one (search/field-extract.ts);
 *  - equality (`status:503`, `level:error`) is a superset (keys are folded, cut to 64 characters,
 *    and `0503` reads as 503), so the row test stays;
 *  - a substring is an AND of its trigrams; the index holds blocks of lines
 *    (schema-trigram-blocks.ts), so a matching block makes each of its lines a candidate: a
 *    superset, so the row test stays.
 * Numbers sort before text in SQLite, so `v > :n AND v < ''` is exactly the numbers above n.
 */
import type { QueryNode } from '../../../../query/ast.ts';
import { fieldKey } from '../../../search/field-extract.ts';
import type { IndexView } from '../read/index-view.ts';
import type { SqlValue } from '../sqlite.ts';
import { SEQ_PER_MS } from '../line-id.ts';
import { BLOCK_SPAN_IDS, indexedText } from '../write/trigram-blocks.ts';
import { ftsString } from './compile.ts';

export interface Drive {
  /** SQL after FROM: the driving table joined to logs `l`, with its own conditions and the id window [:lo, :hi). */
  from: string;
  /** The driving table's id column (ordering, windows, bucket arithmetic). */
  id: string;
  params: Record<string, SqlValue>;
  /** The query part the drive answers exactly; the compiler leaves it out of `where`. */
  exact: QueryNode | null;
  /**
   * False when candidates do not come in id order (a key range): SQLite sorts them, so a page
   * reads them in slices of the window (read/search-context.ts) to stop and resume cleanly.
   */
  ordered: boolean;
  /** For field drives: SQL counting candidates over all time (capped), to pick the smallest drive. */
  estimate?: string;
  /**
   * For unordered field drives: FROM and WHERE over the index alone (no row read) yielding the
   * candidates' ids `f.id` in the window, so a page can cut the window where the K-th candidate
   * sits instead of sorting all of them (read/search-context.ts).
   */
  candidates?: string;
}

/** Candidates counted when choosing between field drives; past this a drive is "large". */
export const ESTIMATE_CAP = 20_000;

export function ftsDrive(expression: string): Drive {
  return {
    from: 'logs_fts f CROSS JOIN logs l ON l.id = f.rowid WHERE logs_fts MATCH :drive AND f.rowid >= :lo AND f.rowid < :hi',
    id: 'f.rowid',
    params: { drive: expression },
    exact: null,
    ordered: true,
  };
}

const FIELD_SOURCE = 'log_fields f CROSS JOIN logs l ON l.id = f.id WHERE f.fid = :dfid AND';
const WINDOW = 'AND f.id >= :lo AND f.id < :hi';

/**
 * `condition` tests the key `f.v`. When a stream in scope keeps a value of this name once
 * (schema-field-index.ts) and that value passes, the candidates are the rows that pass, united
 * with every line up to const_to of each stream whose constant passes (read through
 * logs_stream_ts): a superset, so the row test stays and nothing is exact. Constants that do not
 * pass add nothing, and the rows alone keep the exact, ordered plans.
 */
function fieldDrive(fid: number, condition: string, key: SqlValue, exact: QueryNode | null, view: IndexView): Drive {
  const params = { dfid: BigInt(fid), dkey: key };
  const rows = `SELECT 1 FROM log_fields f WHERE f.fid = :dfid AND ${condition} LIMIT ${ESTIMATE_CAP}`;
  const constant = condition.replaceAll('f.v', 'k.const_v');
  if (view.constantPasses(fid, constant, key)) {
    const union =
      `(SELECT f.id AS id FROM log_fields f WHERE f.fid = :dfid AND ${condition} ${WINDOW} UNION ` +
      `SELECT c.id FROM log_stream_fields k CROSS JOIN logs c ON c.stream = k.sid AND c.ts >= :lo / ${SEQ_PER_MS} AND c.ts <= :hi / ${SEQ_PER_MS} ` +
      `WHERE k.fid = :dfid AND ${constant} AND c.id >= :lo AND c.id < :hi AND c.id <= coalesce(k.const_to, c.id)) f`;
    const constantLines = `SELECT coalesce(sum(s.line_count), 0) FROM log_stream_fields k JOIN log_streams s ON s.sid = k.sid WHERE k.fid = :dfid AND ${constant}`;
    return {
      ordered: false,
      from: `${union} CROSS JOIN logs l ON l.id = f.id WHERE 1`,
      candidates: `FROM ${union} WHERE 1`,
      id: 'f.id',
      params,
      exact: null,
      estimate: `SELECT min(${ESTIMATE_CAP}, (SELECT count(*) FROM (${rows})) + (${constantLines})) AS n`,
    };
  }
  const ordered = condition === 'f.v = :dkey';
  return {
    ordered,
    from: `${FIELD_SOURCE} ${condition} ${WINDOW}`,
    ...(ordered ? {} : { candidates: `FROM log_fields f WHERE f.fid = :dfid AND ${condition} ${WINDOW}` }),
    id: 'f.id',
    params,
    exact,
    estimate: `SELECT count(*) AS n FROM (${rows})`,
  };
}

/** A drive from the field index for one conjunct, or null. Equality is preferred by the caller. */
export function fieldDriveOf(node: QueryNode, view: IndexView): Drive | null {
  if ((node.kind === 'term' || node.kind === 'phrase') && node.field !== null) {
    const fid = view.fieldId(node.field);
    if (fid === null) return null;
    const key = fieldKey(node.value);
    return fieldDrive(fid, 'f.v = :dkey', typeof key === 'number' && Number.isSafeInteger(key) ? BigInt(key) : key, null, view);
  }
  if (node.kind === 'compare') {
    const fid = view.fieldId(node.field);
    if (fid === null) return null;
    const condition =
      node.op === '=' ? 'f.v = :dkey' : node.op === '<' || node.op === '<=' ? `f.v ${node.op} :dkey` : `f.v ${node.op} :dkey AND f.v < ''`;
    return fieldDrive(fid, condition, node.value, node, view);
  }
  return null;
}

/** At most this many trigrams per substring drive: more lists to intersect cost more than they filter. */
const MAX_TRIGRAMS = 12;

/** The literal runs of a substring the trigram index can look up: ASCII, 3+ characters. */
function literalRuns(node: QueryNode): string[] | null {
  if (node.kind === 'wildcard' && node.field === null) return node.pattern.split(/[*?]+/);
  // Words the word index cannot look up (no letter or digit, `->`): matched as substrings.
  if ((node.kind === 'term' || node.kind === 'phrase') && node.field === null && !/[\p{L}\p{N}]/u.test(node.value)) return [node.value];
  return null;
}

/** A drive from the trigram index for one conjunct, or null (substrings under 3 characters, non-ASCII). */
export function substringDriveOf(node: QueryNode, view: IndexView): Drive | null {
  if (!view.substrings) return null;
  const runs = literalRuns(node);
  if (runs === null) return null;
  const trigrams = new Set<string>();
  for (const run of runs) {
    // The indexed text is folded by indexedText; printable ASCII folds the same way here.
    if (run.length < 3 || !/^[\x20-\x7e]+$/.test(run)) continue;
    const lower = indexedText(run);
    for (let index = 0; index + 3 <= lower.length; index++) trigrams.add(lower.slice(index, index + 3));
  }
  if (trigrams.size === 0) return null;
  const expression = [...trigrams].slice(0, MAX_TRIGRAMS).map(ftsString).join(' AND ');
  return {
    // A block starts at most BLOCK_SPAN_IDS before any of its lines; each line is in exactly one
    // block's list, so no line comes twice. Lines of neighbouring blocks interleave: unordered.
    from:
      'logs_tri f CROSS JOIN log_tri_blocks b ON b.id = f.rowid CROSS JOIN json_each(b.lines) j CROSS JOIN logs l ON l.id = b.id + j.value ' +
      'WHERE logs_tri MATCH :drive AND f.rowid >= :lo - :tspan AND f.rowid < :hi AND l.id >= :lo AND l.id < :hi',
    id: 'l.id',
    params: { drive: expression, tspan: BigInt(BLOCK_SPAN_IDS) },
    exact: null,
    ordered: false,
  };
}
