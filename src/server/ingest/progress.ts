/**
 * Resumable imports: a file's identity (its size and a hash of its head) and how far an earlier
 * run got, as recorded by the store in the same transaction as each batch (ports: ImportProgress).
 * `vigil import`, `vigil import-cts` and the file tailer use the same rule:
 *   - no record, or a record of a different file (other head): start at the beginning;
 *   - same head, file at least as long as what was committed: continue after the last batch;
 *   - same head but shorter than what was committed (truncated, rewritten): start again;
 *   - `force`: start at the beginning on purpose.
 * A record says whether the whole file was read; a complete record of an unchanged file means
 * there is nothing to do.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { ImportProgress } from '../storage/ports.ts';

/** Bytes of the head that identify a file; small files are hashed whole. */
export const HEAD_BYTES = 64 * 1024;

export interface FileIdentity {
  size: number;
  headBytes: number;
  headHash: string;
}

/** Hashes the first `headBytes` bytes (default HEAD_BYTES, or fewer for a smaller file). */
export async function identifyFile(path: string, headBytes = HEAD_BYTES): Promise<FileIdentity> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, headBytes);
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const { bytesRead } = await handle.read(buffer, read, length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return { size, headBytes: read, headHash: createHash('sha256').update(buffer.subarray(0, read)).digest('hex') };
  } finally {
    await handle.close();
  }
}

export type ResumePlan =
  | { kind: 'fresh'; why: 'none' | 'other_file' | 'shorter' | 'forced' }
  | { kind: 'resume'; bytes: number; lines: number; lastTime: number | null }
  | { kind: 'done'; record: ImportProgress };

/**
 * What to do given the stored record. The head is compared over the record's head length, so a
 * file that has grown since (a log being written) still matches.
 */
export async function planResume(path: string, stored: ImportProgress | null, force: boolean): Promise<ResumePlan> {
  if (force) return { kind: 'fresh', why: 'forced' };
  if (stored === null) return { kind: 'fresh', why: 'none' };
  const now = await identifyFile(path, stored.headBytes);
  if (now.headBytes !== stored.headBytes || now.headHash !== stored.headHash) return { kind: 'fresh', why: 'other_file' };
  if (now.size < stored.bytes) return { kind: 'fresh', why: 'shorter' };
  if (stored.complete && now.size === stored.size) return { kind: 'done', record: stored };
  return { kind: 'resume', bytes: stored.bytes, lines: stored.lines, lastTime: stored.lastTime };
}

/** The record to store with a batch. */
export function progressRecord(
  source: string,
  identity: FileIdentity,
  at: { bytes: number; lines: number; lastTime: number | null; complete: boolean },
  now: number,
): ImportProgress {
  return { source, headBytes: identity.headBytes, headHash: identity.headHash, size: identity.size, ...at, updatedAt: now };
}
