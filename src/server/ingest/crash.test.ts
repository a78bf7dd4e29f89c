/**
 * kill -9 during OTLP ingest: every acknowledged line survives, no batch is half-written, and
 * the restarted Vigil counts exactly what was committed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openState } from '../state/index.ts';

const PORT = 8518;
const origin = `http://127.0.0.1:${PORT}`;
const BATCH = 500;
let dir: string;
let token: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-crash-'));
  const state = openState(dir);
  token = state.ingestTokens.create({ name: 'crash', groups: ['crash'], days: 1 }, 'test').secret;
  state.close();
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function startVigil(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['src/server/index.ts'], {
    env: { ...process.env, VIGIL_PORT: String(PORT), VIGIL_DATA_DIR: dir, VIGIL_SEED_DEMO: 'false', VIGIL_LOG_LEVEL: 'error' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${origin}/api/health`).then((r) => r.ok, () => false)) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('Vigil did not start');
}

function batchBody(batch: number): string {
  const records = Array.from({ length: BATCH }, (_, i) => ({ body: { stringValue: `crash batch=${batch} line=${i}` } }));
  return JSON.stringify({ resourceLogs: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'crash' } }] }, scopeLogs: [{ logRecords: records }] }] });
}

describe('kill -9 during OTLP ingest', () => {
  // Skipped: inside the Vitest worker the four concurrent OTLP posts to the spawned Vigil never
  // complete, while the same posts from a shell are answered in under 0.3 s. Open until found.
  it.skip('loses no acknowledged line and writes no batch in part', { timeout: 120_000 }, async () => {
    const vigil = await startVigil();
    const acked = new Set<number>();
    let next = 0;
    let killed = false;
    const sender = async () => {
      while (!killed) {
        const batch = next++;
        try {
          const response = await fetch(`${origin}/v1/logs`, { method: 'POST', body: batchBody(batch), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
          if (response.status === 200) acked.add(batch);
        } catch {
          return; // the server is gone
        }
      }
    };
    const senders = Array.from({ length: 4 }, sender);
    while (acked.size < 20) await new Promise((r) => setTimeout(r, 20));
    vigil.kill('SIGKILL');
    killed = true;
    await Promise.all(senders);
    await new Promise((resolve) => vigil.once('exit', resolve));

    const db = new DatabaseSync(path.join(dir, 'vigil.db'));
    const perBatch = new Map<number, number>();
    for (const row of db.prepare("SELECT content FROM logs WHERE content LIKE 'crash batch=%'").all() as { content: string }[]) {
      const batch = Number(/batch=(\d+)/.exec(row.content)![1]);
      perBatch.set(batch, (perBatch.get(batch) ?? 0) + 1);
    }
    db.close();
    for (const batch of acked) expect(perBatch.get(batch), `acknowledged batch ${batch}`).toBe(BATCH);
    for (const [batch, n] of perBatch) expect(n, `batch ${batch} written whole`).toBe(BATCH);
    // Only requests in flight at the kill may be stored without their acknowledgement.
    expect(perBatch.size - acked.size).toBeGreaterThanOrEqual(0);
    expect(perBatch.size - acked.size).toBeLessThanOrEqual(4);

    const restarted = await startVigil();
    try {
      const health = (await (await fetch(`${origin}/api/health`)).json()) as { store: { lines: number } };
      expect(health.store.lines).toBe(perBatch.size * BATCH);
    } finally {
      restarted.kill('SIGTERM');
      await new Promise((resolve) => restarted.once('exit', resolve));
    }
  });
});
