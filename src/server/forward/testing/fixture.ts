/** Test kit for forwarders: a real embedded store with a stream to fill, a state.db, a runner. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../logger.ts';
import { parseAllowList } from '../../outbound/address-policy.ts';
import { OutboundClient } from '../../outbound/client.ts';
import { openState, type VigilState } from '../../state/index.ts';
import type { ForwarderWrite } from '../../state/forwarders.ts';
import { openStore } from '../../storage/index.ts';
import type { NewLogLine, SearchableStore } from '../../storage/ports.ts';
import { ForwardRunner, type ForwardRunnerOptions } from '../runner.ts';

export interface ForwardFixture {
  store: SearchableStore;
  state: VigilState;
  client: OutboundClient;
  /** The runner's clock (tests move it). */
  clock: { now: number };
  runner: ForwardRunner;
  streamId: string;
  append(lines: NewLogLine[]): Promise<void>;
  create(write: Partial<ForwarderWrite> & Pick<ForwarderWrite, 'destination'>, startAt?: number): string;
  /** Steps until nothing more is waiting (or a step fails); returns the number of steps. */
  drain(id: string, maxSteps?: number): Promise<number>;
  close(): Promise<void>;
}

export async function createForwardFixture(options: Partial<ForwardRunnerOptions> = {}): Promise<ForwardFixture> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-forward-'));
  const store = await openStore({ kind: 'embedded', dataDir: dir, logger: silentLogger });
  const state = openState(dir);
  const clock = { now: Date.now() };
  const client = new OutboundClient({ allow: parseAllowList('127.0.0.1'), timeoutMs: 5_000 });
  const runner = new ForwardRunner({ store, forwarders: state.forwarders, client, logger: silentLogger, now: () => clock.now, backoff: { baseMs: 10, maxMs: 50 }, hecTiming: { ackTimeoutMs: 2_000, ackPollMs: 20, requestTimeoutMs: 5_000 }, socketTimeoutMs: 5_000, ...options });
  const group = await store.logs.ensureGroup({ name: 'ecs-prod', ttlInDays: 30 });
  const stream = await store.logs.ensureStream({ groupId: group.id, name: 'auth' });
  return {
    store, state, client, clock, runner, streamId: stream.id,
    append: async (lines) => {
      await store.logs.appendLines(stream.id, lines);
    },
    create: (write, startAt = clock.now - 3_600_000) =>
      state.forwarders.create({ name: 'fwd', enabled: true, source: { kind: 'logs', query: '', streams: [] }, secrets: {}, batchSize: 100, settleSeconds: 0, ...write }, startAt, 'test').id,
    drain: async (id, maxSteps = 1_000) => {
      for (let steps = 1; steps <= maxSteps; steps++) {
        const f = state.forwarders.get(id)!;
        if (!(await runner.step(f))) return steps;
      }
      throw new Error(`still more to send after ${maxSteps} steps`);
    },
    close: async () => {
      await runner.stop();
      state.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
