/**
 * Forwarding bench: lines already in the embedded store sent by a HEC forwarder to a local
 * protocol-faithful HEC receiver, from the first read to the last acknowledged batch, with and
 * without indexer acknowledgement (Vigil keeps up to 8 batches awaiting their ackIds and polls
 * after 100 ms, doubling up to 1 s).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ForwardRunner } from '../../src/server/forward/runner.ts';
import { startHecReceiver } from '../../src/server/forward/testing/hec-receiver.ts';
import { silentLogger } from '../../src/server/logger.ts';
import { parseAllowList } from '../../src/server/outbound/address-policy.ts';
import { OutboundClient } from '../../src/server/outbound/client.ts';
import { openState } from '../../src/server/state/index.ts';
import { openStore } from '../../src/server/storage/index.ts';

export interface ForwardBench {
  lines: number;
  batchSize: number;
  runs: { ack: boolean; seconds: number; linesPerSecond: number; received: number }[];
}

export async function runForwardBench({ lines, batchSize = 1000 }: { lines: number; batchSize?: number }): Promise<ForwardBench> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-bench-forward-'));
  const store = await openStore({ kind: 'embedded', dataDir: dir, logger: silentLogger });
  const state = openState(dir);
  const token = 'bench-token';
  const runs: ForwardBench['runs'] = [];
  try {
    const group = await store.logs.ensureGroup({ name: 'bench', ttlInDays: 30 });
    const stream = await store.logs.ensureStream({ groupId: group.id, name: 'nginx' });
    const start = Date.now() - 86_400_000;
    for (let i = 0; i < lines; i += 10_000) {
      const n = Math.min(10_000, lines - i);
      await store.logs.appendLines(stream.id, Array.from({ length: n }, (_, j) => ({
        time: start + Math.floor(((i + j) * 80_000_000) / lines),
        content: `10.0.${(i + j) % 250}.7 - - "GET /api/orders/${i + j} HTTP/1.1" ${(i + j) % 50 === 0 ? 502 : 200} 5120 "-" "Mozilla/5.0"`,
        labels: { hostName: 'web-01', level: 'INFO' },
      })));
    }
    for (const ack of [false, true]) {
      const hec = await startHecReceiver({ token, useAck: ack });
      const runner = new ForwardRunner({ store, forwarders: state.forwarders, client: new OutboundClient({ allow: parseAllowList('127.0.0.1') }), logger: silentLogger });
      const id = state.forwarders.create({ name: `bench-${ack}`, enabled: true, source: { kind: 'logs', query: '', streams: ['bench/nginx'] }, destination: { format: 'hec', url: hec.url, ack }, secrets: { token }, batchSize, settleSeconds: 0 }, start - 1, 'bench').id;
      const t0 = performance.now();
      while (await runner.step(state.forwarders.get(id)!)) {
        // back to back, as the runner drains a backlog
      }
      const seconds = (performance.now() - t0) / 1000;
      const forwarder = state.forwarders.get(id)!;
      if (forwarder.failures > 0) throw new Error(`forwarding failed: ${forwarder.lastError}`);
      runs.push({ ack, seconds, linesPerSecond: forwarder.delivered / seconds, received: hec.events.length });
      state.forwarders.delete(id);
      await hec.close();
    }
    return { lines, batchSize, runs };
  } finally {
    state.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
