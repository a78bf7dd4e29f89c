/**
 * The filterable fields of every trace, held column-wise in the reader worker's memory for the
 * timeline and the facets. Counting in SQL means touching every matching row: over 30 days of a
 * million traces that took 0.7–2.2 s for a timeline and 0.1–0.8 s per facet, even with a
 * covering index (measured). Typed arrays with dictionary-coded strings answer any filter
 * combination in one pass of about 10 ms per million traces, at about 50 bytes per trace.
 *
 * The columns are filled on first use and topped up before every use with the rows added since
 * (by id: traces are append-only and ids grow). Loading yields between chunks, so the reader
 * keeps answering other calls meanwhile. If traces were ever deleted (the kept counter drops
 * below what is cached), the columns are rebuilt from scratch.
 */
import type { CtsTrace } from '../../../../contract/index.ts';
import type { Database } from '../sqlite.ts';

const CHUNK_ROWS = 20_000;
const INITIAL_CAPACITY = 1_024;

export const RATING_CODE: Record<CtsTrace['trace_rating'], number> = { normal: 0, warning: 1, incident: 2 };
export const TYPE_CODE: Record<CtsTrace['trace_type'], number> = { ConsoleAction: 0, ApiCall: 1, SystemAction: 2 };
export const RATING_OF = ['normal', 'warning', 'incident'] as const;

/** Distinct strings of one column, each with a small integer code. */
export class Dictionary {
  readonly values: string[] = [];
  readonly #codes = new Map<string, number>();

  code(value: string): number {
    let code = this.#codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.#codes.set(value, code);
    }
    return code;
  }

  /** A lookup by code: 1 where `accept(value)` holds. */
  lookup(accept: (value: string) => boolean): Uint8Array {
    const table = new Uint8Array(this.values.length);
    this.values.forEach((value, code) => {
      if (accept(value)) table[code] = 1;
    });
    return table;
  }
}

export const CODED_COLUMNS = ['service_type', 'resource_type', 'trace_name', 'user_name', 'user_id', 'source_ip', 'code'] as const;
export type CodedColumn = (typeof CODED_COLUMNS)[number];

export class TraceColumns {
  size = 0;
  lastId = 0;
  id = new Float64Array(INITIAL_CAPACITY);
  time = new Float64Array(INITIAL_CAPACITY);
  rating = new Uint8Array(INITIAL_CAPACITY);
  type = new Uint8Array(INITIAL_CAPACITY);
  readonly coded = Object.fromEntries(CODED_COLUMNS.map((name) => [name, new Int32Array(INITIAL_CAPACITY)])) as Record<CodedColumn, Int32Array>;
  readonly dictionaries = Object.fromEntries(CODED_COLUMNS.map((name) => [name, new Dictionary()])) as Record<CodedColumn, Dictionary>;

  #grow(): void {
    const capacity = this.id.length * 2;
    const grown = <T extends Float64Array | Uint8Array | Int32Array>(array: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(array);
      return next;
    };
    this.id = grown(this.id, (n) => new Float64Array(n));
    this.time = grown(this.time, (n) => new Float64Array(n));
    this.rating = grown(this.rating, (n) => new Uint8Array(n));
    this.type = grown(this.type, (n) => new Uint8Array(n));
    for (const name of CODED_COLUMNS) this.coded[name] = grown(this.coded[name], (n) => new Int32Array(n));
  }

  /** Rows as arrays in LOAD_COLUMNS order, ascending id. */
  append(rows: readonly unknown[][]): void {
    for (const row of rows) {
      if (this.size === this.id.length) this.#grow();
      const i = this.size++;
      this.id[i] = row[0] as number;
      this.time[i] = row[1] as number;
      this.rating[i] = RATING_CODE[row[2] as CtsTrace['trace_rating']] ?? 0;
      this.type[i] = TYPE_CODE[row[3] as CtsTrace['trace_type']] ?? 0;
      for (let c = 0; c < CODED_COLUMNS.length; c++) {
        this.coded[CODED_COLUMNS[c]!][i] = this.dictionaries[CODED_COLUMNS[c]!].code(row[4 + c] as string);
      }
      this.lastId = row[0] as number;
    }
  }
}

const LOAD_COLUMNS = ['id', 'time', 'trace_rating', 'trace_type', ...CODED_COLUMNS].join(', ');

/** Gives the columns, up to date with every trace committed before the call. */
export function createTraceColumnCache(db: Database) {
  const stored = db.prepare("SELECT n FROM counters WHERE name = 'traces'");
  const after = db.prepare(`SELECT ${LOAD_COLUMNS} FROM traces WHERE id > ? ORDER BY id LIMIT ?`);
  after.setReturnArrays(true);
  let columns = new TraceColumns();
  let syncing: Promise<TraceColumns> | null = null;

  const sync = async (): Promise<TraceColumns> => {
    const count = (stored.get() as { n: number } | undefined)?.n ?? 0;
    if (count < columns.size) columns = new TraceColumns();
    const target = columns;
    for (;;) {
      const rows = after.all(BigInt(target.lastId), BigInt(CHUNK_ROWS)) as unknown as unknown[][];
      target.append(rows);
      if (rows.length < CHUNK_ROWS) return target;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  return {
    current(): Promise<TraceColumns> {
      syncing ??= sync().finally(() => {
        syncing = null;
      });
      return syncing;
    },
  };
}

const shared = new WeakMap<Database, ReturnType<typeof createTraceColumnCache>>();

/** One column cache per connection, shared by every reader query that needs the columns. */
export function sharedTraceColumnCache(db: Database): ReturnType<typeof createTraceColumnCache> {
  let cache = shared.get(db);
  if (!cache) shared.set(db, (cache = createTraceColumnCache(db)));
  return cache;
}
