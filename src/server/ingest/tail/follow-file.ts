/**
 * Follows a growing log file into a stream, like `tail -F`: across rotation by rename (the old
 * file is read to its end first) and by truncation (copytruncate), resuming after a restart at
 * the byte after the last committed line. Each batch and the new position are committed in one
 * transaction, so nothing is lost or delivered twice. A last line without its newline waits for
 * it (or for the rotation that ends the file).
 */
import { open, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { silentLogger, type Logger } from '../../logger.ts';
import type { NewLogLine, Store } from '../../storage/ports.ts';
import { labelsFor } from '../line-labels.ts';
import { ReceiverMetrics } from '../pipeline/metrics.ts';
import { normalizeRecord } from '../pipeline/normalize.ts';
import { detectTimestamp } from '../timestamps.ts';
import { findRotated, identityOf, parsePosition, type TailPosition } from './position.ts';

const CHUNK_BYTES = 1024 * 1024;
/** A "line" this long without a newline is stored (cut) instead of waiting for more. */
const MAX_PENDING_BYTES = 1024 * 1024;

export interface FollowOptions {
  path: string;
  group: string;
  stream: string;
  store: Store;
  ttlDays?: number;
  zone?: string;
  pollMs?: number;
  batchLines?: number;
  /** Stop at the end of the file instead of waiting for more. */
  once?: boolean;
  signal?: AbortSignal;
  logger?: Logger;
  now?: () => number;
  /** Called after each commit (progress output, tests). */
  onCommit?: (lines: number, position: TailPosition) => void;
}

interface Reading {
  handle: FileHandle;
  path: string;
  dev: string;
  ino: string;
  offset: number;
}

export async function followFile(options: FollowOptions): Promise<ReceiverMetrics> {
  const path = resolve(options.path);
  const source = `file:${path}`;
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const metrics = new ReceiverMetrics(source);
  const { store } = options;
  const group = await store.logs.ensureGroup({ name: options.group, ttlInDays: options.ttlDays ?? 30 });
  const { id: streamId } = await store.logs.ensureStream({ groupId: group.id, name: options.stream });
  let previousTime: number | null = null;

  const commit = async (reading: Reading, lines: NewLogLine[], offset: number) => {
    const position: TailPosition = { dev: reading.dev, ino: reading.ino, offset };
    await store.logs.appendBatches([{ streamId, lines }], [{ source, position: JSON.stringify(position) }]);
    reading.offset = offset;
    metrics.committed += lines.length;
    metrics.lastCommitAt = now();
    options.onCommit?.(lines.length, position);
  };

  const toLine = (bytes: Buffer): NewLogLine | null => {
    let text = bytes.toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim() === '') return null;
    metrics.received++;
    const detected = detectTimestamp(text, { now: now(), zone: options.zone ?? 'UTC' });
    if (detected) previousTime = detected.time;
    return normalizeRecord({ time: detected?.time ?? previousTime, content: text, labels: labelsFor(text, path) }, now(), metrics);
  };

  /** Reads from the committed offset to the end; commits complete lines. Returns bytes consumed. */
  const drain = async (reading: Reading, final: boolean): Promise<number> => {
    const start = reading.offset;
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let pending: Buffer = Buffer.alloc(0);
    let lines: NewLogLine[] = [];
    let position = reading.offset; // file offset of pending[0]
    let readAt = reading.offset;
    for (;;) {
      const { bytesRead } = await reading.handle.read(buffer, 0, CHUNK_BYTES, readAt);
      if (bytesRead === 0) break;
      readAt += bytesRead;
      pending = pending.length === 0 ? Buffer.from(buffer.subarray(0, bytesRead)) : Buffer.concat([pending, buffer.subarray(0, bytesRead)]);
      let from = 0;
      for (let nl = pending.indexOf(0x0a, from); nl >= 0; nl = pending.indexOf(0x0a, from)) {
        const line = toLine(pending.subarray(from, nl));
        if (line) lines.push(line);
        from = nl + 1;
        if (lines.length >= (options.batchLines ?? 5_000)) {
          await commit(reading, lines, position + from);
          lines = [];
        }
      }
      if (from > 0) {
        position += from;
        pending = pending.subarray(from);
      }
      if (pending.length > MAX_PENDING_BYTES) {
        const line = toLine(pending);
        if (line) lines.push(line);
        position += pending.length;
        pending = Buffer.alloc(0);
      }
    }
    // A file that will not grow any more (rotated away) ends its last line itself.
    if (final && pending.length > 0) {
      const line = toLine(pending);
      if (line) lines.push(line);
      position += pending.length;
    }
    if (lines.length > 0 || position !== reading.offset) await commit(reading, lines, position);
    return position - start;
  };

  const openReading = async (file: string, offset: number): Promise<Reading | null> => {
    const id = await identityOf(file);
    if (!id) return null;
    const handle = await open(file, 'r');
    return { handle, path: file, dev: id.dev, ino: id.ino, offset };
  };

  // Where to begin: the saved position, on the same file or on the file it was renamed to.
  const saved = parsePosition(await store.logs.readIngestCursor(source));
  let reading: Reading | null = null;
  const current = await identityOf(path);
  if (saved && current && saved.dev === current.dev && saved.ino === current.ino) {
    reading = await openReading(path, current.size >= saved.offset ? saved.offset : 0);
    if (current.size < saved.offset) logger.warn('tail-file: the file is shorter than the saved position (truncated while stopped); reading from its start', { path });
  } else if (saved) {
    const rotated = await findRotated(path, saved.dev, saved.ino);
    if (rotated) {
      const old = await openReading(rotated, saved.offset);
      if (old) {
        await drain(old, true);
        await old.handle.close();
      }
    } else {
      logger.warn('tail-file: the file was replaced while stopped and the old one is gone; its unread end (if any) is lost', { path });
    }
  }

  try {
    while (!options.signal?.aborted) {
      reading ??= await openReading(path, 0);
      if (reading) {
        const consumed = await drain(reading, false);
        const id = await identityOf(path);
        if (!id || id.dev !== reading.dev || id.ino !== reading.ino) {
          // Rotated by rename (or removed): finish the old file, then take the new one from 0.
          await drain(reading, true);
          await reading.handle.close();
          reading = null;
          continue;
        }
        if (id.size < reading.offset) {
          logger.info('tail-file: file truncated; reading from its start', { path });
          reading.offset = 0;
          continue;
        }
        if (consumed > 0) continue;
      }
      if (options.once) break;
      await sleep(options.pollMs ?? 250, undefined, { signal: options.signal }).catch(() => undefined);
    }
  } finally {
    await reading?.handle.close();
  }
  return metrics;
}
