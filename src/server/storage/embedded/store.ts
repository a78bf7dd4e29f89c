/**
 * The embedded store: one writer and a pool of reader workers over a node:sqlite file, exposed
 * through the storage ports. The HTTP thread only posts messages; all database work runs in the
 * workers. Reads are scheduled by reader-pool.ts (interactive before bulk, a budget of heavy scans).
 */
import { availableParallelism } from 'node:os';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger } from '../../logger.ts';
import type { Logger } from '../../logger.ts';
import type { NewLogLine, SearchableStore } from '../ports.ts';
import { ReaderPool, type ReaderPoolOptions, type ReaderPoolStats, type ReadOptions } from './reader-pool.ts';
import type { ReaderApi } from './reader-queries.ts';
import { createSearchPort } from './search-port.ts';
import { createTraceQueryPort } from './trace-port.ts';
import { startWorker } from './worker-client.ts';
import type { WorkerClient } from './worker-client.ts';
import type { WriterApi } from './writer-api.ts';
import { batchFields, type BatchFields } from './write/field-index.ts';
import type { BackfillProgress } from './write/index-backfill.ts';
import { assertValidLines } from './validate.ts';

export const DB_FILE = 'vigil.db';

export interface EmbeddedStoreOptions {
  dataDir: string;
  logger?: Logger;
  /** Reader workers; default: one more than the cores (at least 2, at most 8). */
  readers?: number;
  pool?: ReaderPoolOptions;
}

/** Readers by default: a core each plus one, so one stays free for light reads while scans run. */
export function defaultReaderCount(): number {
  return Math.min(8, Math.max(2, availableParallelism() + 1));
}

export interface EmbeddedStore extends SearchableStore {
  readonly kind: 'embedded';
  /** Path of the database file. */
  readonly path: string;
  /** Runs a named query in the reader worker (search and friends build on this). */
  read<K extends keyof ReaderApi & string>(
    name: K,
    ...args: Parameters<ReaderApi[K]>
  ): Promise<Awaited<ReturnType<ReaderApi[K]>>>;
  /** The same with scheduling options (priority, weight, cancellation while waiting). */
  readWith<K extends keyof ReaderApi & string>(
    options: ReadOptions,
    name: K,
    ...args: Parameters<ReaderApi[K]>
  ): Promise<Awaited<ReturnType<ReaderApi[K]>>>;
  /** Readers, running and waiting reads. */
  readStats(): ReaderPoolStats;
  /** Folds the WAL into the database file (sizes, backups). */
  checkpoint(): Promise<void>;
  /** How far the field and substring indexes have been built for lines older than them. */
  indexProgress(): Promise<BackfillProgress>;
  /** CPU time the writer thread has used, in µs (benchmarks). */
  writerCpuMicros(): Promise<number>;
}

/** How often the progress of an index build over older lines is logged. */
const PROGRESS_LOG_MS = 10_000;

/**
 * Checks lines and extracts their fields on the caller's thread, so the writer thread spends its
 * time in SQLite (extraction was 5-10% of its CPU per line). The writer takes lines only from
 * here and does not check them again.
 */
function fieldsOf(lines: readonly NewLogLine[]): BatchFields {
  assertValidLines(lines);
  return batchFields(lines);
}

/** A writer call whose arguments are prepared first: a throw while preparing is a rejection. */
function prepared<T>(call: () => Promise<T>): Promise<T> {
  try {
    return call();
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
  const logger = options.logger ?? silentLogger;
  await mkdir(options.dataDir, { recursive: true });
  const path = join(options.dataDir, DB_FILE);

  // The writer opens first: it migrates, and the read-only reader needs the schema and WAL.
  const writerStart = await startWorker<WriterApi>(new URL('./writer-worker.ts', import.meta.url), { dbPath: path }, 'writer');
  const writer = writerStart.client;
  // One reader before the store answers; the others start in the background and join the pool
  // when ready, so opening stays as fast as with one reader.
  const readerCount = Math.max(1, options.readers ?? defaultReaderCount());
  const startReader = (i: number) => startWorker<ReaderApi>(new URL('./reader-worker.ts', import.meta.url), { dbPath: path }, `reader-${i + 1}`);
  let first: WorkerClient<ReaderApi>;
  try {
    first = (await startReader(0)).client;
  } catch (error) {
    await writer.close();
    throw error;
  }
  const pool = new ReaderPool([first], { maxHeavyRunning: Math.max(1, readerCount - 1), ...options.pool });
  const joining = Promise.allSettled(
    Array.from({ length: readerCount - 1 }, (_, i) =>
      startReader(i + 1).then(
        (started) => pool.add(started.client),
        (error: unknown) => logger.warn('storage reader did not start', { reader: i + 2, error: error instanceof Error ? error.message : String(error) }),
      ),
    ),
  );
  // The WAL is copied into the file beside the writer (checkpointer.ts). Without that thread the
  // writer's own checkpoint still does it, slower, so a failed start is logged, not fatal.
  const checkpointer = startWorker(new URL('./checkpoint-worker.ts', import.meta.url), { dbPath: path }, 'checkpointer').then(
    (started) => started.client,
    (error: unknown) => {
      logger.warn('storage checkpoint thread did not start', { error: error instanceof Error ? error.message : String(error) });
      return null;
    },
  );
  const migration = writerStart.info as { from: number; to: number };
  if (migration.from !== migration.to) logger.info('storage schema migrated', { path, ...migration });
  logger.info('storage opened', { kind: 'embedded', path, schemaVersion: migration.to, readers: readerCount });

  let closing: Promise<void> | null = null;
  const refuse = () => Promise.reject(new Error('store is closed'));

  // A store written before the field and substring indexes builds them in the writer's
  // background; say how far it got until it is done (searches meanwhile run without them).
  const logProgress = async () => {
    const progress = await writer.call('indexProgress');
    if (progress.error !== null) logger.error('search index build stopped', { path, ...progress });
    else if (!progress.done) logger.info('search index build', { path, ...progress });
    else logger.info('search index build complete', { path, lines: progress.doneLines });
    return progress.done || progress.error !== null;
  };
  const progressTimer = setInterval(() => {
    if (closing) return;
    logProgress().then((finished) => finished && clearInterval(progressTimer), () => clearInterval(progressTimer));
  }, PROGRESS_LOG_MS);
  progressTimer.unref();
  const initial = await writer.call('indexProgress');
  if (initial.done) clearInterval(progressTimer);
  else logger.info('search index build started', { path, ...initial });

  const readWith: EmbeddedStore['readWith'] = (opts, name, ...args) => (closing ? refuse() : pool.run(name, args, opts));
  const read: EmbeddedStore['read'] = (name, ...args) => readWith({}, name, ...args);

  return {
    kind: 'embedded',
    path,
    logs: {
      listGroups: () => read('listGroups'),
      ensureGroup: (group) => (closing ? refuse() : writer.call('ensureGroup', group)),
      ensureStream: (stream) => (closing ? refuse() : writer.call('ensureStream', stream)),
      // Fields are extracted here, on the caller's thread, so the writer spends its time in SQLite.
      appendLines: (streamId, lines, progress) =>
        closing ? refuse() : prepared(() => writer.call('appendLines', streamId, lines, fieldsOf(lines), progress)),
      appendBatches: (batches, cursors) =>
        closing ? refuse() : prepared(() => writer.call('appendBatches', batches.map((batch) => ({ ...batch, fields: fieldsOf(batch.lines) })), cursors)),
      readIngestCursor: (source) => (closing ? refuse() : writer.call('readIngestCursor', source)),
      importProgress: (source) => (closing ? refuse() : writer.call('importProgress', source)),
      applyRetention: (now) => (closing ? refuse() : writer.call('applyRetention', now)),
    },
    traces: {
      ...createTraceQueryPort(read),
      appendTraces: (traces, progress) => (closing ? refuse() : writer.call('appendTraces', traces, progress)),
    },
    search: createSearchPort(readWith),
    anomalySeries: {
      logSeries: (request) => read('anomalyLogSeries', request),
      auditSeries: (request) => read('anomalyAuditSeries', request),
      auditBreakdown: (request) => read('anomalyAuditBreakdown', request),
    },
    counts: () => read('counts'),
    read,
    readWith,
    readStats: () => pool.stats(),
    checkpoint: () => (closing ? refuse() : writer.call('checkpoint')),
    indexProgress: () => (closing ? refuse() : writer.call('indexProgress')),
    writerCpuMicros: () => (closing ? refuse() : writer.call('threadCpuMicros')),
    close() {
      closing ??= (async () => {
        clearInterval(progressTimer);
        // Readers and the checkpoint thread first, so the writer is the last connection and
        // leaves no WAL behind. All let the calls already sent finish before they close.
        await joining;
        const results = await Promise.allSettled([pool.close()]);
        results.push(...(await Promise.allSettled([(await checkpointer)?.close()])));
        results.push(...(await Promise.allSettled([writer.close()])));
        logger.info('storage closed', { path });
        const failure = results.find((r) => r.status === 'rejected');
        if (failure) throw failure.reason;
      })();
      return closing;
    },
  };
}
