/**
 * Connection setup for the writer and reader workers (settings measured in store-bench.md).
 */
import { totalmem } from 'node:os';
import { openDatabase } from './sqlite.ts';
import type { Database } from './sqlite.ts';

const MIB = 1_048_576;
/**
 * Page cache per connection. Past ~1 M lines the store outgrows the memory map, and a page that is
 * neither mapped nor cached is a read from the OS (~5 µs a row at 5 M lines, measured). The
 * writer's field-index inserts land all over its b-tree, and a reader's repeated query touches the
 * same rows again: measured at 5 M lines, appending took 46-48 µs of writer CPU per line with
 * 128 MB and 34 µs with 512 MB, and the `status>=500` histogram over 30 days (22,000 rows) took
 * 150 ms with 128 MB per reader and 55 ms with 256 MB. Pages are taken only when read, so a small
 * store uses little of it; on a small machine the caps shrink to a share of its memory.
 */
const WRITER_CACHE_BYTES = Math.min(512 * MIB, totalmem() / 32);
const READER_CACHE_BYTES = Math.min(256 * MIB, totalmem() / 64);
/** The largest memory map this SQLite build allows (SQLITE_MAX_MMAP_SIZE): reads from it are not copied. */
const MMAP_BYTES = 0x7fff0000;
const BUSY_TIMEOUT_MS = 5_000;
/**
 * WAL pages after which the writer checkpoints itself (default 1,000 = 8 MB). The checkpoint
 * thread (checkpointer.ts) copies the WAL every half second beside the writer; this is the
 * backstop that lets the WAL start over under steady writes, copying only what that thread has
 * not. The WAL file grows to about this size (160 MB) at most.
 */
const WAL_BACKSTOP_PAGES = 20_000;

function applyCommon(db: Database, cacheBytes: number): void {
  db.exec(`
    PRAGMA cache_size = -${Math.floor(cacheBytes / 1024)};
    PRAGMA mmap_size = ${MMAP_BYTES};
    PRAGMA temp_store = MEMORY;
    PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};
  `);
}

/**
 * The single read-write connection. page_size only takes effect on an empty file, so it is set
 * before WAL is enabled and before the first table is created (a no-op on an existing store).
 *
 * Durability: WAL with synchronous=NORMAL. A committed transaction is in the WAL file (handed to
 * the OS) when COMMIT returns, so it survives a crash or kill of this process; only an OS crash or
 * power loss can lose the last few transactions (never corrupting the file). That is the promise
 * the ports make ("durable once the promise resolves" = survives the process), and it avoids an
 * fsync per batch, which would cap ingest on a virtual disk. synchronous=FULL would be the switch
 * for power-loss durability.
 */
export function openWriterConnection(path: string): Database {
  const db = openDatabase(path, { busyTimeoutMs: BUSY_TIMEOUT_MS });
  try {
    db.exec('PRAGMA page_size = 8192');
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec(`PRAGMA wal_autocheckpoint = ${WAL_BACKSTOP_PAGES}`);
    applyCommon(db, WRITER_CACHE_BYTES);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The checkpoint thread's connection: it writes nothing, it copies the WAL into the file. */
export function openCheckpointConnection(path: string): Database {
  return openDatabase(path, { busyTimeoutMs: BUSY_TIMEOUT_MS });
}

/** A read-only connection; WAL lets it read a consistent snapshot while the writer commits. */
export function openReaderConnection(path: string): Database {
  const db = openDatabase(path, { readOnly: true, busyTimeoutMs: BUSY_TIMEOUT_MS });
  try {
    applyCommon(db, READER_CACHE_BYTES);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
