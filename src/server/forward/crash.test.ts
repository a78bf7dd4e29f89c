/**
 * kill -9 during forwarding: after the restart the forwarder resumes from its cursor, and the HEC
 * receiver ends up with every line exactly once or, for the batch in flight at the kill, twice.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthSchema } from '../../contract/index.ts';
import { silentLogger } from '../logger.ts';
import { openState } from '../state/index.ts';
import { openStore } from '../storage/index.ts';
import { exitOf, spawnVigil } from '../testing/spawn-vigil.ts';
import { startHecReceiver, type HecReceiver } from './testing/hec-receiver.ts';

const PORT = 8519;
const LINES = 20_000;
const BATCH = 200;
const TOKEN = 'crash-hec-token';
let dir: string;
let hec: HecReceiver;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-forward-crash-'));
  hec = await startHecReceiver({ token: TOKEN });
  const store = await openStore({ kind: 'embedded', dataDir: dir, logger: silentLogger });
  const group = await store.logs.ensureGroup({ name: 'app', ttlInDays: 30 });
  const stream = await store.logs.ensureStream({ groupId: group.id, name: 'api' });
  const start = Date.now() - 3_600_000;
  for (let i = 0; i < LINES; i += 5_000) {
    await store.logs.appendLines(stream.id, Array.from({ length: 5_000 }, (_, j) => ({ time: start + (i + j) * 100, content: `forward-crash n=${i + j}`, labels: {} })));
  }
  await store.close();
  const state = openState(dir);
  state.forwarders.create(
    { name: 'crash', enabled: true, source: { kind: 'logs', query: 'forward-crash', streams: ['app/api'] }, destination: { format: 'hec', url: hec.url, ack: false }, secrets: { token: TOKEN }, batchSize: BATCH, settleSeconds: 0 },
    start - 1, 'test',
  );
  state.close();
}, 120_000);
afterAll(async () => {
  await hec.close();
  await rm(dir, { recursive: true, force: true });
});

const env = { VIGIL_OUTBOUND_ALLOW_HOSTS: '127.0.0.1' };
const numbers = () => hec.events.map((e) => Number(/n=(\d+)/.exec(String(e.event))![1]));

describe('kill -9 during forwarding', () => {
  it('resumes from the cursor and delivers every line, repeating at most the batch in flight', { timeout: 180_000 }, async () => {
    const vigil = await spawnVigil({ port: PORT, dataDir: dir, env });
    for (let i = 0; i < 1_200 && hec.events.length < LINES / 5; i++) await new Promise((r) => setTimeout(r, 50));
    const exited = exitOf(vigil);
    vigil.kill('SIGKILL');
    await exited;
    const atKill = hec.events.length;
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(LINES);

    const restarted = await spawnVigil({ port: PORT, dataDir: dir, env });
    try {
      for (let i = 0; i < 1_200 && new Set(numbers()).size < LINES; i++) await new Promise((r) => setTimeout(r, 50));
      const received = numbers();
      expect(new Set(received).size).toBe(LINES);
      expect(received.length - LINES).toBeLessThanOrEqual(BATCH);
      const health = healthSchema.parse(await (await fetch(`http://127.0.0.1:${PORT}/api/health`)).json());
      const forwarder = health.forwarders?.find((f) => f.name === 'crash');
      expect(forwarder).toMatchObject({ state: 'ok', lastError: null });
      // The count moves with the cursor, in one statement: a batch cut off by the kill counts once, when re-sent.
      expect(forwarder!.delivered).toBe(LINES);
    } finally {
      const stopped = exitOf(restarted);
      restarted.kill('SIGTERM');
      await stopped;
    }
  });
});
