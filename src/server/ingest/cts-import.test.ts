import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../cli/command.ts';
import { runCli } from '../cli.ts';
import { openEmbeddedStore, type EmbeddedStore } from '../storage/embedded/store.ts';
import { makeTrace } from '../storage/embedded/test-helpers.ts';
import { importCtsFile, normalizeCtsRecord } from './cts-import.ts';

/** A record the way CTS files carry it: user and bodies as strings or objects, code as a number. */
const asCts = (id: string, changes: Record<string, unknown> = {}) => ({
  ...makeTrace(id, { time: Date.UTC(2026, 10, 1) + Number(id.replace(/\D/g, '') || 0) }),
  user: JSON.stringify({ id: 'u-1', name: 'alice', domain: { id: 'd-1', name: 'OTC-EU-DE-1' } }),
  request: { bucket: 'backups', force: true },
  response: null,
  code: 204,
  read_only: false,
  ...changes,
});

let dir: string;
let store: EmbeddedStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-cts-'));
  store = await openEmbeddedStore({ dataDir: join(dir, 'data') });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: unknown, gzip = true): Promise<string> {
  const path = join(dir, name);
  const data = Buffer.isBuffer(content) || typeof content === 'string' ? content : JSON.stringify(content);
  await writeFile(path, gzip ? gzipSync(data) : data);
  return path;
}

describe('CTS trace file import', () => {
  it('accepts the documented variations of a record', () => {
    const result = normalizeCtsRecord(asCts('t1', { time: '1764547200000', record_time: undefined, trace_rating: undefined, trace_status: 'warning' }));
    expect(result).toEqual({
      trace: expect.objectContaining({
        user: { id: 'u-1', name: 'alice', domain: { id: 'd-1', name: 'OTC-EU-DE-1' } },
        request: '{"bucket":"backups","force":true}', response: '', code: '204',
        time: 1764547200000, record_time: 1764547200000, trace_rating: 'warning',
      }),
    });
    expect(normalizeCtsRecord({ ...asCts('t2'), user: 'alice' })).toEqual({ reason: 'user: a string that is not JSON' });
  });

  it('imports a gzipped file: rejects with reasons, skips duplicates, writes the rest', async () => {
    await store.traces.appendTraces([makeTrace('t3')]);
    const path = await file('prod_CloudTrace_eu-de_2026-11-01T00-05-00Z_a1b2.json.gz', [
      asCts('t1'), asCts('t2'), asCts('t3'), asCts('t2'),
      asCts('t4', { trace_rating: 'catastrophic' }), asCts('t5', { trace_name: '9lives' }), 'garbage',
    ]);
    const report = await importCtsFile(store, path);
    expect(report).toMatchObject({ records: 7, imported: 2, duplicates: ['t3', 't2'], notImported: null });
    expect(report.rejected).toEqual([
      { index: 4, traceId: 't4', reason: expect.stringMatching(/^trace_rating: /) },
      { index: 5, traceId: 't5', reason: 'trace_name: operation name: 1–64 chars starting with a letter' },
      { index: 6, traceId: null, reason: 'not a JSON object' },
    ]);
    expect((await store.counts()).traces).toBe(3);
    expect(await store.traces.getTrace('t1')).toMatchObject({ request: '{"bucket":"backups","force":true}', code: '204', user: { name: 'alice' } });
  });

  it('writes nothing of a file in strict mode when a record is invalid, or when it is no trace file', async () => {
    const strict = await importCtsFile(store, await file('a.json.gz', [asCts('t1'), asCts('t2', { time: -5 })]), { strict: true });
    expect(strict).toMatchObject({ records: 2, imported: 0, notImported: '1 invalid record (strict mode)' });
    for (const [content, gzip, reason] of [
      ['{"traces": 1}', false, /not a CTS trace file/],
      ['[{"trace_id": "x"', false, /^not JSON/],
      [Buffer.from([0x1f, 0x8b, 0, 1, 2]), false, /^not valid gzip/],
    ] as const) {
      const report = await importCtsFile(store, await file('b.json', content, gzip));
      expect(report.notImported).toMatch(reason);
    }
    expect((await importCtsFile(store, join(dir, 'missing.json'))).notImported).toBe('no such file');
    expect((await store.counts()).traces).toBe(0);
  });

  it('refuses records with over-long free-text fields, naming the field', async () => {
    const big = asCts('big1', { user: { id: 'u1', name: 'x'.repeat(1_000_000), domain: { id: 'd', name: 'd' } } });
    expect(normalizeCtsRecord(big)).toEqual({ reason: 'user.name: 1000000 characters, at most 256 are accepted' });
    expect(normalizeCtsRecord(asCts('big2', { message: 'm'.repeat(9_000) }))).toEqual({ reason: 'message: 9000 characters, at most 8192 are accepted' });
    expect(normalizeCtsRecord(asCts('ok', { message: 'short' }))).toHaveProperty('trace');
  });

  it('does not read a file again that was imported before, unless forced', async () => {
    const path = await file('again.json.gz', [asCts('r1'), asCts('r2')]);
    expect(await importCtsFile(store, path)).toMatchObject({ imported: 2, alreadyImportedAt: null });
    const again = await importCtsFile(store, path);
    expect(again).toMatchObject({ records: 2, imported: 0, duplicates: [] });
    expect(again.alreadyImportedAt).toEqual(expect.any(Number));
    const forced = await importCtsFile(store, path, { force: true });
    expect(forced).toMatchObject({ records: 2, imported: 0, duplicates: ['r1', 'r2'], alreadyImportedAt: null });
    // Same name, other content: a new file.
    const changed = await importCtsFile(store, await file('again.json.gz', [asCts('r3')]));
    expect(changed).toMatchObject({ imported: 1, alreadyImportedAt: null });
  });

  it('runs as `vigil import-cts FILE...`, reporting each file and exiting 1 when something was left out', async () => {
    await store.close();
    const good = await file('good.json', { traces: [asCts('t1'), asCts('t2')] }, false);
    const bad = await file('bad.json.gz', [asCts('t1'), asCts('t9', { trace_type: 'Robot' })]);
    const out: string[] = [];
    const io: CliIo = { out: (t) => out.push(t), err: (t) => out.push(t), env: {}, interactive: false };
    expect(await runCli(['import-cts', good, bad, '--data-dir', join(dir, 'data')], io)).toBe(1);
    const text = out.join('\n');
    expect(text).toContain(`Imported ${good}: 2 records`);
    expect(text).toContain('  2 imported, 0 already stored, 0 rejected');
    expect(text).toContain('  0 imported, 1 already stored, 1 rejected');
    expect(text).toMatch(/record 1 \(trace_id t9\): trace_type: /);
    expect(text).toContain('2 files: 2 traces imported, 1 already stored, 1 rejected');
    store = await openEmbeddedStore({ dataDir: join(dir, 'data') });
    expect((await store.counts()).traces).toBe(2);
  });
});
