/**
 * Bounded execution in the reader worker. Scans of the logs table run in chunks and are checked
 * between them (query/chunks.ts). Statements driven by the FTS index call `vigil_scan(id)` once per
 * candidate row, before any other test of that row (SQLite codes WHERE terms in the order
 * written, which tests confirm); index sub-selects call `vigil_tick()` per entry. vigil_scan
 * counts rows, remembers the last id and, every CHECK_EVERY rows, looks at the clock and at the
 * request's cancellation flag: a SharedArrayBuffer the main thread sets when the HTTP client goes
 * away. The reader is busy in a synchronous statement then, so a message could not reach it;
 * shared memory can. When a bound is hit the function throws, SQLite aborts the statement, and
 * the caller keeps the rows it already had.
 */
import type { TruncatedReason } from '../../../../contract/index.ts';
import type { ScanBudget } from '../../ports.ts';
import { firstIpv4, parsedField } from '../../../search/fields.ts';
import type { Database } from '../sqlite.ts';
import type { Chunk } from './chunks.ts';
import { matcherFor } from './value-tests.ts';
import type { ValueMatcher, ValueTest } from './value-tests.ts';

const CHECK_EVERY = 256;

/** Thrown out of SQLite by vigil_scan; identifies a deliberate stop, not a failure. */
export class ScanStop extends Error {
  readonly reason: TruncatedReason;
  constructor(reason: TruncatedReason) {
    super(`scan stopped: ${reason}`);
    this.name = 'ScanStop';
    this.reason = reason;
  }
}

export class ScanState {
  readonly budget: ScanBudget;
  readonly #cancel: Int32Array | null;
  readonly #deadline: number;
  #ticks = 0;
  /** Rows examined so far. */
  rows = 0;
  /** Id of the last row examined; when stopped, that row was not evaluated. */
  lastId: number | null = null;
  stop: TruncatedReason | null = null;
  matchers: ValueMatcher[] = [];

  constructor(budget: ScanBudget, cancel: SharedArrayBuffer | null) {
    if (!(budget.maxRows >= 0) || Number.isNaN(budget.maxMs)) throw new Error('scan budget needs maxRows >= 0 and a number of ms');
    this.budget = budget;
    this.#cancel = cancel ? new Int32Array(cancel) : null;
    this.#deadline = performance.now() + budget.maxMs;
  }

  useTests(tests: readonly ValueTest[]): void {
    this.matchers = tests.map(matcherFor);
  }

  /** Called per row; throws ScanStop when a bound is reached. */
  examine(id: number): void {
    this.lastId = id;
    if (this.rows % CHECK_EVERY === 0) this.check();
    if (this.rows >= this.budget.maxRows) this.halt('scan_limit');
    this.rows++;
  }

  /**
   * Before scanning a chunk (query/chunks.ts): false, with `stop` set, when the row budget would be
   * exceeded (the first chunk always runs), time is up or the caller cancelled. The chunk's first
   * id becomes `lastId`, so a stop resumes exactly at it.
   */
  enterChunk(chunk: Chunk, order: 'newest' | 'oldest'): boolean {
    this.lastId = order === 'newest' ? chunk.hi - 1 : chunk.lo;
    if (this.rows > 0 && this.rows + chunk.rows > this.budget.maxRows) {
      this.stop = 'scan_limit';
      return false;
    }
    try {
      this.check();
    } catch (error) {
      if (error instanceof ScanStop) return false;
      throw error;
    }
    return true;
  }

  /** After a chunk was scanned (to its end or its LIMIT): its rows count as examined. */
  leaveChunk(chunk: Chunk): void {
    this.rows += chunk.rows;
  }

  /** Work that is not a row of the result (building an index sub-select): time and cancel only. */
  tick(): void {
    if (++this.#ticks % CHECK_EVERY === 0) this.check();
  }

  check(): void {
    if (this.#cancel !== null && Atomics.load(this.#cancel, 0) !== 0) this.halt('cancelled');
    if (performance.now() > this.#deadline) this.halt('time_limit');
  }

  halt(reason: TruncatedReason): never {
    this.stop = reason;
    throw new ScanStop(reason);
  }
}

let current: ScanState | null = null;

/** Registers the search functions on a reader connection (once per connection). */
export function registerScanFunctions(db: Database): void {
  const options = { deterministic: false, directOnly: true } as const;
  db.function('vigil_scan', options, (id) => {
    if (current === null) throw new Error('vigil_scan called outside a search');
    current.examine(Number(id));
    return 1;
  });
  db.function('vigil_tick', options, () => {
    current?.tick();
    return 1;
  });
  db.function('vigil_test', options, (index, value) => {
    if (current === null) throw new Error('vigil_test called outside a search');
    if (value === null) return 0;
    const matcher = current.matchers[Number(index)];
    if (!matcher) throw new Error(`vigil_test: no test ${String(index)}`);
    return matcher(String(value)) ? 1 : 0;
  });
  db.function('vigil_field', { deterministic: true, directOnly: true }, (content, name) =>
    typeof content === 'string' && typeof name === 'string' ? parsedField(content, name) : null,
  );
  db.function('vigil_first_ip', { deterministic: true, directOnly: true }, (content) =>
    typeof content === 'string' ? firstIpv4(content) : null,
  );
}

/**
 * Runs `work` with `state` as the scan in progress. A ScanStop raised inside (by vigil_scan, out
 * of a statement) ends the work early; it is recorded on the state, and the caller reads what its
 * work accumulated so far. Any other error propagates.
 */
export function runScan(state: ScanState, work: () => void): void {
  current = state;
  try {
    state.check();
    work();
  } catch (error) {
    if (!(error instanceof ScanStop) && state.stop === null) throw error;
  } finally {
    current = null;
  }
}
