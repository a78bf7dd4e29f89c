/**
 * TraceFilter → SQL conditions on the traces table (reader worker). Every value is a bound
 * parameter; only column names and placeholders are spliced into the text. Source networks use a
 * JS function registered on the connection, because SQLite knows nothing of addresses.
 */
import { ipInCidr } from '../../../../query/index.ts';
import type { TraceFilter } from '../../ports.ts';
import type { Database, SqlValue } from '../sqlite.ts';

export const CIDR_FUNCTION = 'vigil_ip_in_cidr';
export const SCAN_FUNCTION = 'vigil_trace_scan';

const CHECK_EVERY = 256;

/**
 * A bounded scan: `vigil_trace_scan(time, id)` is the first test of every row a statement
 * examines; it remembers the row and, every 256 rows, stops the statement by throwing once the
 * deadline has passed. The caller keeps the rows found so far and resumes at the remembered one.
 */
export class TraceScan {
  readonly deadline: number;
  rows = 0;
  lastTime = 0;
  lastId = 0;
  stopped = false;

  constructor(maxMs: number) {
    this.deadline = performance.now() + maxMs;
  }
}

let activeScan: TraceScan | null = null;

export function withScan<T>(scan: TraceScan, run: () => T): T {
  activeScan = scan;
  try {
    return run();
  } finally {
    activeScan = null;
  }
}

export function registerTraceFunctions(db: Database): void {
  // Addresses repeat a lot (people work from a few); remember each answer per network.
  const answers = new Map<string, Map<string, number>>();
  db.function(CIDR_FUNCTION, { deterministic: true, directOnly: true }, (ip, address, prefixLength) => {
    if (typeof ip !== 'string' || typeof address !== 'string') return 0;
    const network = `${address}/${String(prefixLength)}`;
    let known = answers.get(network);
    if (!known) {
      if (answers.size >= 64) answers.clear();
      known = new Map();
      answers.set(network, known);
    }
    let inside = known.get(ip);
    if (inside === undefined) {
      inside = ipInCidr(ip, address, Number(prefixLength)) ? 1 : 0;
      if (known.size >= 100_000) known.clear();
      known.set(ip, inside);
    }
    return inside;
  });
  db.function(SCAN_FUNCTION, { directOnly: true }, (time, id) => {
    const scan = activeScan;
    if (scan === null) return 1;
    scan.lastTime = Number(time);
    scan.lastId = Number(id);
    if (++scan.rows % CHECK_EVERY === 0 && performance.now() > scan.deadline) {
      scan.stopped = true;
      throw new Error('trace scan reached its time budget');
    }
    return 1;
  });
}

export interface Conditions {
  clauses: string[];
  params: SqlValue[];
}

export function conditions(): Conditions {
  return { clauses: [], params: [] };
}

export function add(where: Conditions, clause: string, ...params: SqlValue[]): void {
  where.clauses.push(clause);
  where.params.push(...params);
}

export const marks = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

export function whereSql(where: Conditions): string {
  return where.clauses.length === 0 ? '' : `WHERE ${where.clauses.join(' AND ')}`;
}

/** `%value%` for LIKE with `\` as escape: the user's % and _ are literal characters. */
function containsPattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function anyContains(where: Conditions, column: string, values: readonly string[]): void {
  if (values.length === 0) return;
  add(where, `(${values.map(() => `${column} LIKE ? ESCAPE '\\'`).join(' OR ')})`, ...values.map(containsPattern));
}

function anyOf(where: Conditions, column: string, values: readonly string[]): void {
  if (values.length > 0) add(where, `${column} IN (${marks(values)})`, ...values);
}

/** The time range, as BigInt: a JS number would bind as REAL (store-bench.md pitfall 1). */
export function addTimeRange(where: Conditions, filter: TraceFilter): void {
  add(where, 'time >= ? AND time < ?', BigInt(filter.from), BigInt(filter.to));
}

/** Values any of which either column contains (free text over operation and resource name). */
function anyContainsEither(where: Conditions, columns: readonly [string, string], values: readonly string[]): void {
  if (values.length === 0) return;
  const tests = values.map(() => `(${columns.map((column) => `${column} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
  add(where, `(${tests.join(' OR ')})`, ...values.flatMap((value) => columns.map(() => containsPattern(value))));
}

/** Whether the filter has fields only SQL evaluates (see addTextConditions). */
export function hasTextConditions(filter: TraceFilter): boolean {
  return filter.resourceIds.length + filter.resourceNames.length + filter.texts.length + filter.requestIds.length > 0;
}

/** Conditions for the filters that only SQL evaluates: substrings of resource id/name, free text, request ids. */
export function addTextConditions(where: Conditions, filter: TraceFilter): void {
  anyContains(where, 'resource_id', filter.resourceIds);
  anyContains(where, 'resource_name', filter.resourceNames);
  anyContainsEither(where, ['trace_name', 'resource_name'], filter.texts);
  anyOf(where, 'request_id', filter.requestIds);
}

/**
 * Every filter but the time range. `userNames` are the user names the `users` filter resolved
 * to (names given, plus the names of ids given): they let the planner use the user_name indexes,
 * and the exact name-or-id check is added only when an id contributed a name.
 */
export function addFieldConditions(where: Conditions, filter: TraceFilter, userNames: readonly string[] | null): void {
  anyOf(where, 'service_type', filter.serviceTypes);
  anyOf(where, 'resource_type', filter.resourceTypes);
  anyOf(where, 'trace_name', filter.traceNames);
  anyOf(where, 'trace_rating', filter.ratings);
  anyOf(where, 'trace_type', filter.traceTypes);
  if (filter.users.length > 0) {
    const names = userNames ?? filter.users;
    anyOf(where, 'user_name', names);
    if (names.some((name) => !filter.users.includes(name))) {
      add(where, `(user_name IN (${marks(filter.users)}) OR user_id IN (${marks(filter.users)}))`, ...filter.users, ...filter.users);
    }
  }
  if (filter.sourceIps.length > 0 || filter.networks.length > 0) {
    const parts: string[] = [];
    const params: SqlValue[] = [];
    if (filter.sourceIps.length > 0) {
      parts.push(`source_ip IN (${marks(filter.sourceIps)})`);
      params.push(...filter.sourceIps);
    }
    for (const network of filter.networks) {
      parts.push(`${CIDR_FUNCTION}(source_ip, ?, ?)`);
      params.push(network.address, BigInt(network.prefixLength));
    }
    add(where, `(${parts.join(' OR ')})`, ...params);
  }
  addTextConditions(where, filter);
  if (filter.codes.length > 0 || filter.codeClasses.length > 0) {
    const parts: string[] = [];
    const params: SqlValue[] = [];
    if (filter.codes.length > 0) {
      parts.push(`code IN (${marks(filter.codes)})`);
      params.push(...filter.codes);
    }
    if (filter.codeClasses.length > 0) {
      parts.push(`(length(code) = 3 AND substr(code, 1, 1) IN (${marks(filter.codeClasses)}))`);
      params.push(...filter.codeClasses.map(String));
    }
    add(where, `(${parts.join(' OR ')})`, ...params);
  }
}

const MAX_NAMES_PER_ID = 100;

/**
 * The user names the `users` filter stands for: each value as a name, plus every name stored
 * with that value as user id. A loose index scan (one seek per distinct name) keeps this cheap
 * even for a user with hundreds of thousands of traces.
 */
export function createUserNameResolver(db: Database) {
  const scan = 'SELECT user_name FROM traces INDEXED BY traces_user_id_name WHERE user_id = ?';
  const firstName = db.prepare(`${scan} ORDER BY user_name LIMIT 1`);
  const nextName = db.prepare(`${scan} AND user_name > ? ORDER BY user_name LIMIT 1`);
  return (users: readonly string[]): string[] => {
    const names = new Set(users);
    for (const id of users) {
      let row = firstName.get(id) as { user_name: string } | undefined;
      for (let i = 0; row && i < MAX_NAMES_PER_ID; i++) {
        names.add(row.user_name);
        row = nextName.get(id, row.user_name) as { user_name: string } | undefined;
      }
    }
    return [...names];
  };
}
