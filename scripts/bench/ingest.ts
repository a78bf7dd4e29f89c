/**
 * Ingest through the real Store API (workers, validation, FTS, rollup, counters all live),
 * then the on-disk size after a checkpoint.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedStore } from '../../src/server/storage/embedded/store.ts';
import type { AppendResult } from '../../src/server/storage/ports.ts';
import { measureIndexSizes } from './index-sizes.ts';
import type { IndexSizes } from './index-sizes.ts';
import { BENCH_STREAMS, createLineGenerator } from './log-generator.ts';

export interface IngestOptions {
  lines: number;
  batchSize: number;
  seed: number;
}

export interface IngestResult {
  lines: number;
  batchSize: number;
  seconds: number;
  linesPerSecond: number;
  /** Writer thread CPU per line (µs): what the rate would be bound by on an otherwise idle core. */
  writerCpuMicrosPerLine: number;
  /** Slowest appendLines round trip (queueing behind the previous batch included). */
  worstBatchMs: number;
  /** Main-thread time spent generating lines; overlaps with the writer working. */
  generateSeconds: number;
  avgContentBytes: number;
  dbBytes: number;
  walBytes: number;
  mbPerMillionLines: number;
  /** Compacted sizes per million lines with and without the field and trigram indexes (MB). */
  indexSizes: { [K in keyof IndexSizes]: number };
}

/** Batches in flight: the next batch is generated and sent while the writer commits this one. */
const IN_FLIGHT = 2;
const START = Date.UTC(2026, 0, 1);
const MB = 1_000_000;

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

export async function runIngest(options: IngestOptions): Promise<IngestResult> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-bench-'));
  const store = await openEmbeddedStore({ dataDir: dir });
  let closed = false;
  try {
    const group = await store.logs.ensureGroup({ name: 'bench', ttlInDays: 30 });
    const streamIds = [];
    for (const name of BENCH_STREAMS) streamIds.push((await store.logs.ensureStream({ groupId: group.id, name })).id);
    // ~30 days of data at the default size: times stay realistic for the rollup and line ids.
    const generator = createLineGenerator(options.seed, START, Math.max(1, Math.floor((30 * 86_400_000) / options.lines)));

    const inFlight = new Set<Promise<AppendResult>>();
    let written = 0;
    let contentBytes = 0;
    let generateMs = 0;
    let worstBatchMs = 0;
    const cpuBefore = await store.writerCpuMicros();
    const started = performance.now();
    for (let batch = 0; written < options.lines; batch++) {
      const count = Math.min(options.batchSize, options.lines - written);
      const stream = batch % BENCH_STREAMS.length;
      const generateStart = performance.now();
      const lines = generator.batch(BENCH_STREAMS[stream]!, count);
      for (const line of lines) contentBytes += Buffer.byteLength(line.content);
      generateMs += performance.now() - generateStart;

      const sent = performance.now();
      const append = store.logs.appendLines(streamIds[stream]!, lines);
      const tracked = append.finally(() => {
        worstBatchMs = Math.max(worstBatchMs, performance.now() - sent);
        inFlight.delete(tracked);
      });
      inFlight.add(tracked);
      written += count;
      if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    const seconds = (performance.now() - started) / 1000;
    const writerCpuMicrosPerLine = ((await store.writerCpuMicros()) - cpuBefore) / options.lines;

    const counts = await store.counts();
    if (counts.lines !== options.lines) throw new Error(`expected ${options.lines} lines stored, found ${counts.lines}`);
    await store.checkpoint();
    const dbBytes = await fileSize(store.path);
    const walBytes = await fileSize(`${store.path}-wal`);
    closed = true;
    await store.close();
    const perMillion = (bytes: number) => (bytes / MB) * (1_000_000 / options.lines);
    const sizes = await measureIndexSizes(store.path);
    return {
      lines: options.lines,
      batchSize: options.batchSize,
      seconds,
      linesPerSecond: options.lines / seconds,
      writerCpuMicrosPerLine,
      worstBatchMs,
      generateSeconds: generateMs / 1000,
      avgContentBytes: contentBytes / options.lines,
      dbBytes,
      walBytes,
      mbPerMillionLines: perMillion(dbBytes + walBytes),
      indexSizes: { withIndexes: perMillion(sizes.withIndexes), withoutFieldIndex: perMillion(sizes.withoutFieldIndex), withoutBoth: perMillion(sizes.withoutBoth) },
    };
  } finally {
    if (!closed) await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
