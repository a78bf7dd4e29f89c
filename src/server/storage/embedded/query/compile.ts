/**
 * Compiles a query tree into what the embedded store runs (store-bench.md, "Query shapes"):
 *  - `drive`: an FTS5 expression every match satisfies, built from the top-level AND parts the
 *    index can answer (words, phrases, `admin*` prefixes, and OR / AND / `x NOT y` of those). When
 *    there is one, rows come from the index in rowid (= time) order and only its candidates are
 *    checked further; otherwise the time window of the logs table is scanned.
 *  - `where`: the rest as one SQL boolean over the row `l`. Field tests use the columns or the
 *    labels JSON, with JS functions for what SQL cannot say (wildcards inside words, regexes,
 *    CIDR, numeric fields read from the content). Index-answerable parts inside OR / NOT become
 *    `l.id IN (SELECT rowid FROM logs_fts WHERE logs_fts MATCH … AND rowid in the window)`.
 * User text only ever reaches SQL as bound parameters and FTS5 only as double-quoted strings.
 * Every leaf yields 0 or 1, never NULL, so NOT of a missing field is true, as in the reference.
 */
import type { QueryNode } from '../../../../query/ast.ts';
import { canonicalField, FIELD_NAME } from '../../../search/fields.ts';
import { ftsPrefixOf, likePrefilter } from '../../../search/glob.ts';
import { NO_INDEXES } from '../read/index-view.ts';
import type { IndexView } from '../read/index-view.ts';
import type { SqlValue } from '../sqlite.ts';
import { ESTIMATE_CAP, fieldDriveOf, ftsDrive, substringDriveOf } from './index-drive.ts';
import type { Drive } from './index-drive.ts';
import type { ValueTest } from './value-tests.ts';

export interface CompiledQuery {
  /** Where candidate rows come from (an index, query/index-drive.ts), or null to scan the window. */
  drive: Drive | null;
  /** SQL boolean over `l`; '1' when the drive (or nothing) says it all. */
  where: string;
  /** Named parameters of `where` (without the colon). `where` also uses :lo and :hi (the id window). */
  params: Record<string, SqlValue>;
  /** JS tests `where` calls as vigil_test(index, value). */
  tests: ValueTest[];
  /** True when the query selects every line. */
  matchAll: boolean;
  /**
   * When no index drives the query (a scan): the field names and substrings that no index could
   * answer for these streams, so the result can say why it scans. Empty otherwise.
   */
  notIndexed: string[];
}

export class QueryCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryCompileError';
  }
}

const COLUMNS: Record<string, string> = { level: 'l.level', hostName: 'l.host_name', hostIP: 'l.host_ip', appName: 'l.app_name' };
const MAX_DEPTH = 64;

/** Whether unicode61 would find at least one token in the text (else the index cannot look it up). */
function hasTokens(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** An FTS5 string: double-quoted, with quotes doubled. Nothing else is special inside one. */
export function ftsString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** The FTS5 expression for a node, or null when the index alone cannot answer it. */
export function ftsOf(node: QueryNode, depth = 0): string | null {
  if (depth > MAX_DEPTH) throw new QueryCompileError('query nested too deeply');
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return node.field === null && hasTokens(node.value) ? ftsString(node.value) : null;
    case 'wildcard': {
      const prefix = node.field === null ? ftsPrefixOf(node.pattern) : null;
      return prefix === null ? null : `${ftsString(prefix)}*`;
    }
    case 'or': {
      const parts = node.children.map((child) => ftsOf(child, depth + 1));
      return parts.every((part) => part !== null) ? parts.map((part) => `(${part})`).join(' OR ') : null;
    }
    case 'and': {
      const positives: string[] = [];
      const negatives: string[] = [];
      for (const child of node.children) {
        const negated = child.kind === 'not' ? ftsOf(child.child, depth + 1) : null;
        if (negated !== null) {
          negatives.push(negated);
          continue;
        }
        const part = ftsOf(child, depth + 1);
        if (part === null) return null;
        positives.push(part);
      }
      // FTS5 has no unary NOT: at least one positive part must anchor the expression.
      if (positives.length === 0) return null;
      return combineFts(positives, negatives);
    }
    default:
      return null;
  }
}

function combineFts(positives: readonly string[], negatives: readonly string[]): string {
  const positive = positives.length === 1 ? positives[0]! : positives.map((part) => `(${part})`).join(' AND ');
  if (negatives.length === 0) return positive;
  return `(${positive}) NOT (${negatives.map((part) => `(${part})`).join(' OR ')})`;
}

/** Collects SQL with its bound parameters (named `<prefix><n>`) and the JS tests it calls. */
export class SqlBuilder {
  readonly params: Record<string, SqlValue> = {};
  readonly tests: ValueTest[] = [];
  readonly #prefix: string;
  #next = 0;

  constructor(prefix = 'p') {
    this.#prefix = prefix;
  }

  param(value: SqlValue): string {
    const name = `${this.#prefix}${this.#next++}`;
    this.params[name] = value;
    return `:${name}`;
  }

  test(test: ValueTest, valueSql: string): string {
    this.tests.push(test);
    return `vigil_test(${this.param(BigInt(this.tests.length - 1))}, ${valueSql})`;
  }

  /**
   * Lines the index matches for `expression`, within the request's id window. SQLite builds this
   * list once, before the scan examines rows; vigil_tick keeps a long build cancellable.
   */
  indexed(expression: string): string {
    return `l.id IN (SELECT rowid FROM logs_fts WHERE logs_fts MATCH ${this.param(expression)} AND rowid >= :lo AND rowid < :hi AND vigil_tick())`;
  }

  /** A field's value: its column or labels-JSON entry, else read from the content. */
  fieldValue(field: string): string {
    const name = canonicalField(field);
    if (!FIELD_NAME.test(name)) throw new QueryCompileError(`field name "${field}" cannot be searched`);
    const stored = COLUMNS[name] ?? `json_extract(l.labels, ${this.param(`$."${name}"`)})`;
    return `coalesce(${stored}, vigil_field(l.content, ${this.param(name)}))`;
  }

  leaf(node: QueryNode): string {
    switch (node.kind) {
      case 'all':
        return '1';
      case 'term':
      case 'phrase':
        if (node.field === null) {
          // Text without a single word character (`->`, `:`) has no tokens to look up: a substring.
          return this.test({ kind: 'contains', value: node.value }, 'l.content');
        }
        // SQLite's NOCASE folds ASCII only; other values are compared by a JS function.
        if (/^[\x20-\x7e]*$/.test(node.value)) return `coalesce(${this.fieldValue(node.field)} = ${this.param(node.value)} COLLATE NOCASE, 0)`;
        return this.test({ kind: 'equals', value: node.value }, this.fieldValue(node.field));
      case 'wildcard': {
        if (node.field !== null) return this.test({ kind: 'glob', pattern: node.pattern }, this.fieldValue(node.field));
        const like = likePrefilter(node.pattern);
        // `*admin*` (ASCII) is exactly a LIKE; otherwise LIKE rejects rows cheaply before the regex runs.
        if (like !== null && /^\*[^*?]+\*$/.test(node.pattern) && /^[\x20-\x7e]+$/.test(node.pattern)) {
          return `(l.content LIKE ${this.param(like)} ESCAPE '\\')`;
        }
        const test = this.test({ kind: 'content-glob', pattern: node.pattern }, 'l.content');
        return like === null ? test : `(l.content LIKE ${this.param(like)} ESCAPE '\\' AND ${test})`;
      }
      case 'regex':
        return this.test(
          { kind: 'regex', pattern: node.pattern, caseInsensitive: node.caseInsensitive },
          node.field === null ? 'l.content' : this.fieldValue(node.field),
        );
      case 'compare':
        return this.test({ kind: 'compare', op: node.op, value: node.value }, this.fieldValue(node.field));
      case 'cidr':
        return this.test({ kind: 'cidr', address: node.address, prefixLength: node.prefixLength }, this.fieldValue(node.field));
      default:
        throw new QueryCompileError(`unexpected ${node.kind} node`);
    }
  }

  /** SQL for any node; index-answerable subtrees become one sub-select each. */
  node(node: QueryNode, depth = 0): string {
    if (depth > MAX_DEPTH) throw new QueryCompileError('query nested too deeply');
    const fts = ftsOf(node, depth);
    if (fts !== null) return this.indexed(fts);
    switch (node.kind) {
      case 'not':
        return `(NOT ${this.node(node.child, depth + 1)})`;
      case 'and':
      case 'or': {
        const joiner = node.kind === 'and' ? ' AND ' : ' OR ';
        const indexed: string[] = [];
        const others: string[] = [];
        for (const child of node.children) {
          const part = ftsOf(child, depth + 1);
          if (part !== null) indexed.push(part);
          else others.push(this.node(child, depth + 1));
        }
        // Index parts of one AND/OR share a single sub-select (one MATCH instead of several).
        if (indexed.length > 0) {
          const expression = node.kind === 'or' ? indexed.map((p) => `(${p})`).join(' OR ') : combineFts(indexed, []);
          others.unshift(this.indexed(expression));
        }
        return `(${others.join(joiner)})`;
      }
      default:
        return this.leaf(node);
    }
  }
}

function isMatchAll(node: QueryNode): boolean {
  if (node.kind === 'all') return true;
  if (node.kind === 'and') return node.children.every(isMatchAll);
  if (node.kind === 'or') return node.children.some(isMatchAll);
  return false;
}

/**
 * The drive for a query without word-index parts: the field part with the fewest index entries
 * (counted up to a cap, so `level:ERROR AND duration_ms>1000` is driven by the rarer one), else a
 * substring, from the first top-level part that has one.
 */
function smallestFieldDrive(parts: readonly QueryNode[], view: IndexView): { drive: Drive; size: number } | null {
  let best: { drive: Drive; size: number } | null = null;
  for (const part of parts) {
    const drive = fieldDriveOf(part, view);
    if (!drive) continue;
    const size = view.estimate(drive);
    if (best === null || size < best.size) best = { drive, size };
  }
  return best;
}

function indexDrive(parts: readonly QueryNode[], view: IndexView): Drive | null {
  const best = smallestFieldDrive(parts, view);
  if (best) return best.drive;
  for (const part of parts) {
    const drive = substringDriveOf(part, view);
    if (drive) return drive;
  }
  return null;
}

/** A top-level substring the trigram index cannot serve (under 3 ASCII characters), as written. */
function shortSubstring(part: QueryNode): string[] {
  if (part.kind === 'wildcard' && part.field === null) return [part.pattern];
  if ((part.kind === 'term' || part.kind === 'phrase') && part.field === null && !/[\p{L}\p{N}]/u.test(part.value)) return [part.value];
  return [];
}

/** A word-index seek by rowid costs about this many entries of a matched-lines set (measured). */
const SEEK_COST = 64;

/** `view` says what the field and substring indexes can answer for this request's streams. */
export function compileQuery(ast: QueryNode, view: IndexView = NO_INDEXES): CompiledQuery {
  const builder = new SqlBuilder();
  if (isMatchAll(ast)) return { drive: null, where: '1', params: {}, tests: [], matchAll: true, notIndexed: [] };

  const conjuncts = ast.kind === 'and' ? ast.children : [ast];
  const positives: string[] = [];
  const negatives: string[] = [];
  let rest: QueryNode[] = [];
  for (const part of conjuncts) {
    if (part.kind === 'all') continue;
    const negated = part.kind === 'not' ? ftsOf(part.child) : null;
    const fts = negated === null ? ftsOf(part) : null;
    if (negated !== null) negatives.push(negated);
    else if (fts !== null) positives.push(fts);
    else rest.push(part);
  }
  let drive: Drive | null = null;
  const where: string[] = [];
  if (positives.length > 0) {
    // Words drive unless a field part is rarer (`GET AND status>=500`): then the field index
    // drives and the words are checked against the set of lines they match in the window, read
    // once per statement. Only when the field part is far rarer is each candidate looked up in
    // the word index by rowid instead: that seek costs ~50-100x a set entry (measured).
    const words = combineFts(positives, negatives);
    const field = smallestFieldDrive(rest, view);
    const wordLines = field === null ? 0 : view.estimateWords(words);
    if (field !== null && field.size < ESTIMATE_CAP && field.size < wordLines) {
      drive = field.drive;
      if (field.size * SEEK_COST < wordLines) where.push(`EXISTS (SELECT 1 FROM logs_fts WHERE logs_fts MATCH ${builder.param(words)} AND rowid = l.id)`);
      else where.push(builder.indexed(words));
    } else drive = ftsDrive(words);
  } else {
    drive = indexDrive(rest, view);
    if (negatives.length > 0) where.push(`(NOT ${builder.indexed(negatives.map((p) => `(${p})`).join(' OR '))})`);
  }
  if (drive?.exact) rest = rest.filter((part) => part !== drive!.exact);
  for (const part of rest) where.push(builder.node(part));
  const notIndexed = drive === null ? [...view.unindexed, ...rest.flatMap(shortSubstring)] : [];
  return { drive, where: where.length > 0 ? where.join(' AND ') : '1', params: builder.params, tests: builder.tests, matchAll: false, notIndexed };
}
