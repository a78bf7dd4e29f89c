import { appendFile, mkdtemp, rename, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueryNode } from '../../../query/ast.ts';
import { silentLogger } from '../../logger.ts';
import { openStore } from '../../storage/index.ts';
import type { SearchableStore } from '../../storage/ports.ts';
import { followFile } from './follow-file.ts';

const ALL: QueryNode = { kind: 'all', span: { start: 0, end: 0 } };
let dir: string;
let store: SearchableStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-tail-'));
  store = await openStore({ kind: 'embedded', dataDir: path.join(dir, 'data'), logger: silentLogger });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `2026-12-01T10:00:00Z line ${from + i}\n`).join('');

/** Every stored line's number, in order of storage. */
async function stored(): Promise<number[]> {
  const page = await store.search.searchLines({
    query: ALL, from: 0, to: Date.UTC(2027, 0, 1), streamIds: null, order: 'oldest', limit: 1000, position: null, budget: { maxRows: 1e6, maxMs: 10_000 },
  });
  return page.lines.map((l) => Number(/line (\d+)/.exec(l.content)?.[1]));
}

const follow = (file: string, extra: Partial<Parameters<typeof followFile>[0]> = {}) =>
  followFile({ path: file, group: 'files', stream: 'app', store, once: true, ...extra });

describe('tail-file', () => {
  it('resumes after the last committed line; a line without its newline waits for it', async () => {
    const file = path.join(dir, 'app.log');
    await writeFile(file, lines(0, 3) + '2026-12-01T10:00:00Z line 3 is half');
    expect((await follow(file)).committed).toBe(3);
    await appendFile(file, ' done\n' + lines(4, 6));
    expect((await follow(file)).committed).toBe(3);
    expect(await stored()).toEqual([0, 1, 2, 3, 4, 5]);
    expect((await store.search.searchLines({ query: ALL, from: 0, to: Date.UTC(2027, 0, 1), streamIds: null, order: 'oldest', limit: 10, position: null, budget: { maxRows: 1e6, maxMs: 10_000 } })).lines[3]!.content).toBe('2026-12-01T10:00:00Z line 3 is half done');
  });

  it('finishes a file renamed away while stopped, then reads the new one, each line once', async () => {
    const file = path.join(dir, 'app.log');
    await writeFile(file, lines(0, 5));
    await follow(file);
    await appendFile(file, lines(5, 8));
    await rename(file, `${file}.1`);
    await writeFile(file, lines(8, 10));
    await follow(file);
    expect(await stored()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('follows rotation by rename and by truncation while running', async () => {
    const file = path.join(dir, 'app.log');
    await writeFile(file, lines(0, 2));
    const controller = new AbortController();
    let total = 0;
    const waitFor = async (n: number) => {
      for (let i = 0; i < 400 && total < n; i++) await new Promise((r) => setTimeout(r, 25));
      expect(total).toBe(n);
    };
    const running = followFile({ path: file, group: 'files', stream: 'app', store, pollMs: 20, signal: controller.signal, onCommit: (n) => (total += n) });
    await waitFor(2);
    await appendFile(file, lines(2, 4));
    await rename(file, `${file}.1`);
    await writeFile(file, lines(4, 6));
    await waitFor(6);
    await truncate(file, 0);
    await appendFile(file, lines(6, 7));
    await waitFor(7);
    controller.abort();
    await running;
    expect(await stored()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('keeps an over-long line, cut with a marker and its original length', async () => {
    const file = path.join(dir, 'big.log');
    await writeFile(file, `2026-12-01T10:00:00Z line 0 ${'x'.repeat(20_000)}\n`);
    const metrics = await follow(file);
    expect(metrics.truncated).toBe(1);
    const page = await store.search.searchLines({ query: ALL, from: 0, to: Date.UTC(2027, 0, 1), streamIds: null, order: 'oldest', limit: 1, position: null, budget: { maxRows: 1e6, maxMs: 10_000 } });
    expect(page.lines[0]!.content).toMatch(/truncated by Vigil: original length 20028 characters\]$/);
    expect(page.lines[0]!.labels.truncatedFrom).toBe('20028');
  });
});
