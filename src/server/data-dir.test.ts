import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from './logger.ts';
import { secureDataDir } from './data-dir.ts';

let root: string | undefined;
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

function recordingLogger(lines: unknown[]): Logger {
  const log = (level: string) => (message: string, fields?: object) => lines.push({ level, message, ...fields });
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') } as Logger;
}

const mode = async (p: string) => (await stat(p)).mode & 0o777;

describe('secureDataDir', () => {
  it('tightens an existing folder and its files to 0700 / 0600 and says so', async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'vigil-perm-'));
    const dir = path.join(root, 'data');
    await mkdir(dir, { mode: 0o755 });
    for (const file of ['vigil.db', 'vigil.db-wal', 'vigil.db-shm', 'state.db', 'idp.db']) await writeFile(path.join(dir, file), 'x', { mode: 0o644 });
    const lines: unknown[] = [];
    const tightened = await secureDataDir(dir, recordingLogger(lines));
    expect(await mode(dir)).toBe(0o700);
    for (const file of ['vigil.db', 'vigil.db-wal', 'vigil.db-shm', 'state.db', 'idp.db']) expect(await mode(path.join(dir, file))).toBe(0o600);
    expect(tightened).toContain('vigil.db 644 -> 600');
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', message: expect.stringMatching(/permissions tightened/) })]);
    expect(await secureDataDir(dir, recordingLogger(lines))).toEqual([]);
  });

  it('creates a missing folder private', async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'vigil-perm-'));
    const dir = path.join(root, 'new', 'data');
    await secureDataDir(dir, recordingLogger([]));
    expect(await mode(dir)).toBe(0o700);
  });
});
