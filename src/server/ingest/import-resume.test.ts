// Resumable imports with a real store and real files: an import interrupted after some batches
// continues after them (no line twice), a completed one is not repeated, --force repeats it.
import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/embedded/sqlite.ts';
import { openStore } from '../storage/index.ts';
import type { SearchableStore, Store } from '../storage/ports.ts';
import { IMPORT_BATCH_SIZE, importLogFile } from './import-file.ts';
import { ImportError } from './import-report.ts';

const NOW = Date.UTC(2026, 10, 26, 12, 0);
const T0 = NOW - 3_600_000;

let dir: string;
let store: SearchableStore;

function logLines(n: number, from = 0): string {
  return Array.from({ length: n }, (_, i) => {
    const k = from + i;
    const time = new Date(T0 + k * 10).toISOString();
    // Every tenth line has a continuation line without a timestamp of its own.
    return `${time} INFO line-${k}${k % 10 === 0 ? `\n  continued-${k}` : ''}`;
  }).join('\n');
}

async function lineCount(stream: string): Promise<number> {
  const groups = await store.logs.listGroups();
  return groups.flatMap((g) => g.log_streams).find((s) => s.log_stream_name === stream)?.line_count ?? 0;
}

/** The store, failing the n-th append (an interrupted import). */
function failingOn(n: number): Store {
  let calls = 0;
  return {
    ...store,
    logs: {
      ...store.logs,
      appendLines: (...args) => (++calls === n ? Promise.reject(new Error('disk went away')) : store.logs.appendLines(...args)),
    },
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-resume-'));
  store = await openStore({ kind: 'embedded', dataDir: join(dir, 'data') });
});
afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('import resume', () => {
  it('continues after the last committed batch, then has nothing to do, and --force imports again', async () => {
    const file = join(dir, 'app.log');
    await writeFile(file, logLines(4 * IMPORT_BATCH_SIZE));
    const total = 4 * IMPORT_BATCH_SIZE + (4 * IMPORT_BATCH_SIZE) / 10;
    const options = { file, group: 'resume', stream: 'app', now: NOW };

    const failed = await importLogFile(failingOn(3), options).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(ImportError);
    expect(await lineCount('app')).toBe(2 * IMPORT_BATCH_SIZE);

    const resumed = await importLogFile(store, options);
    expect(resumed.resume.kind).toBe('resumed');
    const skipped = resumed.resume.kind === 'resumed' ? resumed.resume.skippedLines : 0;
    expect(skipped).toBe(2 * IMPORT_BATCH_SIZE);
    expect(resumed.loaded).toBe(total - 2 * IMPORT_BATCH_SIZE);
    expect(await lineCount('app')).toBe(total);
    // Continuation lines right after the resume point took the time of the line before them.
    expect(resumed.unparsable.count).toBe(0);

    const again = await importLogFile(store, options);
    expect(again.resume.kind).toBe('already_complete');
    expect(again.loaded).toBe(0);
    expect(await lineCount('app')).toBe(total);

    // The file grew (a log still being written): only the new lines are imported.
    await appendFile(file, `\n${logLines(100, 4 * IMPORT_BATCH_SIZE)}`);
    const grown = await importLogFile(store, options);
    expect(grown.resume.kind).toBe('resumed');
    expect(await lineCount('app')).toBe(total + 110);

    const forced = await importLogFile(store, { ...options, force: true });
    expect(forced.resume).toEqual({ kind: 'fresh', why: 'forced' });
    expect(await lineCount('app')).toBe(2 * (total + 110));
  });

  it('starts from the beginning when another file now has the name', async () => {
    const file = join(dir, 'other.log');
    await writeFile(file, logLines(10));
    await importLogFile(store, { file, group: 'resume', stream: 'other', now: NOW });
    await writeFile(file, logLines(12, 500));
    const report = await importLogFile(store, { file, group: 'resume', stream: 'other', now: NOW });
    expect(report.resume).toEqual({ kind: 'fresh', why: 'other_file' });
    expect(await lineCount('other')).toBe(10 + 1 + 12 + 2);
  });
});

describe('vigil import killed with SIGKILL', () => {
  it('resumes on the next run and ends with every line exactly once', async () => {
    const data = join(dir, 'killed');
    const file = join(dir, 'big.log');
    const lines = 20 * IMPORT_BATCH_SIZE;
    await writeFile(file, logLines(lines));
    const expected = lines + lines / 10;
    const cli = new URL('../cli.ts', import.meta.url).pathname;
    const args = [cli, 'import', file, '--group', 'killed', '--stream', 'big', '--data-dir', data];

    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Kill it as soon as a batch is committed (progress recorded), well before the end.
    let committed = 0;
    for (let i = 0; i < 3000 && committed === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      try {
        const db = openDatabase(join(data, 'vigil.db'), { readOnly: true });
        try {
          const row = db.prepare('SELECT position FROM ingest_cursors').get() as { position: string } | undefined;
          committed = row ? (JSON.parse(row.position) as { lines: number }).lines : 0;
        } finally {
          db.close();
        }
      } catch {
        // Not created yet.
      }
    }
    child.kill('SIGKILL');
    await exited;
    expect(committed).toBeGreaterThan(0);

    const rerun = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const again = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      again.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      again.on('exit', (code) => resolve({ code, out }));
    });
    expect(rerun.code).toBe(0);
    expect(rerun.out).toMatch(/Resuming .*big\.log: an earlier run wrote lines 1-/);

    const check = await openStore({ kind: 'embedded', dataDir: data, readers: 1 });
    try {
      expect((await check.counts()).lines).toBe(expected);
    } finally {
      await check.close();
    }
  }, 120_000);
});
