/**
 * The embedded store: one writer and one reader worker over a node:sqlite file, exposed through
 * the storage ports. The HTTP thread only posts messages; all database work runs in the workers.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger } from '../../logger.ts';
import type { Logger } from '../../logger.ts';
import type { SearchableStore } from '../ports.ts';
import type { ReaderApi } from './reader-queries.ts';
import { createSearchPort } from './search-port.ts';
import { createTraceQueryPort } from './trace-port.ts';
import { startWorker } from './worker-client.ts';
import type { WorkerClient } from './worker-client.ts';
import type { WriterApi } from './writer-api.ts';
import type { BackfillProgress } from './write/index-backfill.ts';

export const DB_FILE = 'vigil.db';

export interface EmbeddedStoreOptions {
  dataDir: string;
  logger?: Logger;
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
  /** Folds the WAL into the database file (sizes, backups). */
  checkpoint(): Promise<void>;
  /** How far the field and substring indexes have been built for lines older than them. */
  indexProgress(): Promise<BackfillProgress>;
  /** CPU time the writer thread has used, in µs (benchmarks). */
  writerCpuMicros(): Promise<number>;
}

/** How often the progress of an index build over older lines is logged. */
const PROGRESS_LOG_MS = 10_000;

export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
  const logger = options.logger ?? silentLogger;
  await mkdir(options.dataDir, { recursive: true });
  const path = join(options.dataDir, DB_FILE);

  // The writer opens first: it migrates, and the read-only reader needs the schema and WAL.
  const writerStart = await startWorker<WriterApi>(new URL('./writer-worker.ts', import.meta.url), { dbPath: path }, 'writer');
  const writer = writerStart.client;
  let reader: WorkerClient<ReaderApi>;
  try {
    reader = (await startWorker<ReaderApi>(new URL('./reader-worker.ts', import.meta.url), { dbPath: path }, 'reader')).client;
  } catch (error) {
    await writer.close();
    throw error;
  }
  const migration = writerStart.info as { from: number; to: number };
  if (migration.from !== migration.to) logger.info('storage schema migrated', { path, ...migration });
  logger.info('storage opened', { kind: 'embedded', path, schemaVersion: migration.to });

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

  const read: EmbeddedStore['read'] = (name, ...args) => (closing ? refuse() : reader.call(name, ...args));

  return {
    kind: 'embedded',
    path,
    logs: {
      listGroups: () => (closing ? refuse() : reader.call('listGroups')),
      ensureGroup: (group) => (closing ? refuse() : writer.call('ensureGroup', group)),
      ensureStream: (stream) => (closing ? refuse() : writer.call('ensureStream', stream)),
      appendLines: (streamId, lines) => (closing ? refuse() : writer.call('appendLines', streamId, lines)),
      appendBatches: (batches, cursors) => (closing ? refuse() : writer.call('appendBatches', batches, cursors)),
      readIngestCursor: (source) => (closing ? refuse() : writer.call('readIngestCursor', source)),
      applyRetention: (now) => (closing ? refuse() : writer.call('applyRetention', now)),
    },
    traces: {
      ...createTraceQueryPort(read),
      appendTraces: (traces) => (closing ? refuse() : writer.call('appendTraces', traces)),
    },
    search: createSearchPort(read),
    anomalySeries: {
      logSeries: (request) => read('anomalyLogSeries', request),
      auditSeries: (request) => read('anomalyAuditSeries', request),
      auditBreakdown: (request) => read('anomalyAuditBreakdown', request),
    },
    counts: () => (closing ? refuse() : reader.call('counts')),
    read,
    checkpoint: () => (closing ? refuse() : writer.call('checkpoint')),
    indexProgress: () => (closing ? refuse() : writer.call('indexProgress')),
    writerCpuMicros: () => (closing ? refuse() : writer.call('threadCpuMicros')),
    close() {
      closing ??= (async () => {
        clearInterval(progressTimer);
        // Reader first, so the writer is the last connection and leaves no WAL behind. Both
        // let the calls already sent finish before they close.
        const results = await Promise.allSettled([reader.close()]);
        results.push(...(await Promise.allSettled([writer.close()])));
        logger.info('storage closed', { path });
        const failure = results.find((r) => r.status === 'rejected');
        if (failure) throw failure.reason;
      })();
      return closing;
    },
  };
}
