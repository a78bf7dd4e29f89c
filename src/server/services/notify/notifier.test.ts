// The outbox end to end on a real state.db: a receiver that is down for ten minutes loses
// nothing, a send abandoned mid-way is taken again after its lease, a restart keeps what was
// handed over, and a kill -9 of a real child process while sending leads to delivery after restart.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../logger.ts';
import { parseAllowList } from '../../outbound/address-policy.ts';
import { OutboundClient } from '../../outbound/client.ts';
import { openState, type VigilState } from '../../state/index.ts';
import { Notifier } from './notifier.ts';
import { createChannelSender } from './senders/channel-sender.ts';
import { startReceiver, type TestReceiver } from './test-receiver.ts';
import { makeTransition } from './testing.ts';

const MIN = 60_000;
let dataDir: string;
let state: VigilState;
let receiver: TestReceiver;
let clock: number;
let channelId: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'vigil-notify-'));
  state = openState(dataDir, () => clock);
  receiver = await startReceiver();
  clock = Date.UTC(2026, 10, 25, 2, 5);
  channelId = state.channels.create(
    { name: 'ops hook', enabled: true, settings: { kind: 'webhook', url: `${receiver.url}/hook` }, secrets: { secret: 'k' }, template: { title: '{{ruleName}}', body: '{{summary}}' } },
    'test',
  ).id;
});
afterEach(async () => {
  await receiver.close().catch(() => {});
  state.close();
  await rm(dataDir, { recursive: true, force: true });
});

function notifier(s: VigilState = state) {
  return new Notifier({
    outbox: s.outbox,
    channels: s.channels,
    silences: s.silences,
    send: createChannelSender({ client: new OutboundClient({ allow: parseAllowList('127.0.0.1'), timeoutMs: 2000 }), publicUrl: 'https://vigil.example' }),
    logger: silentLogger,
    publicUrl: 'https://vigil.example',
    now: () => clock,
    policyFor: () => ({ groupBy: ['ip'], groupWaitSeconds: 30, groupIntervalSeconds: 300, repeatIntervalSeconds: 4 * 3600 }),
    delivery: { baseMs: 5000, maxMs: 2 * MIN, jitter: 0.5, maxAttempts: 50, leaseMs: MIN },
  });
}

const firing = (eventId: string, ip: string) => makeTransition({ eventId, state: 'firing', startsAt: clock, labels: { ip }, channelIds: [channelId] });

describe('notifier outbox', () => {
  it('loses nothing while the receiver is down for ten minutes and delivers each notification once after', async () => {
    const port = receiver.port;
    await receiver.close();
    const n = notifier();
    await n.deliver([firing('e1', '185.220.101.47'), firing('e2', '45.155.205.233')]);
    for (const end = clock + 10 * MIN; clock < end; clock += 5000) await n.tick();
    const waiting = state.outbox.list({ limit: 10 });
    expect(waiting).toHaveLength(2);
    expect(waiting.every((r) => r.status === 'pending' && r.attempts >= 4 && /ECONNREFUSED/.test(r.last_error ?? ''))).toBe(true);
    // Back-off: far fewer attempts than ticks (120 ticks in ten minutes).
    expect(Math.max(...waiting.map((r) => r.attempts))).toBeLessThan(15);

    receiver = await startReceiver(port);
    for (const end = clock + 5 * MIN; clock < end; clock += 5000) await n.tick();
    const done = state.outbox.list({ limit: 10 });
    expect(done.map((r) => r.status)).toEqual(['delivered', 'delivered']);
    expect(receiver.received).toHaveLength(2);
    const keys = receiver.received.map((r) => r.headers['idempotency-key']);
    expect(new Set(keys)).toEqual(new Set(done.map((r) => r.idempotency_key)));
  });

  it('marks a notification failed after the last attempt, and a 4xx at once', async () => {
    receiver.respond = () => 410;
    const n = notifier();
    await n.deliver([firing('e1', '1.1.1.1')]);
    clock += 31_000;
    await n.tick();
    expect(state.outbox.list({ limit: 1 })[0]).toMatchObject({ status: 'failed', attempts: 1, last_error: expect.stringMatching(/HTTP 410/) });
  });

  it('sends a row again whose sender vanished mid-send, once its lease ran out, with the same key', async () => {
    const n = notifier();
    await n.deliver([firing('e1', '1.1.1.1')]);
    clock += 31_000;
    n.flush();
    // A sender claims the row and "crashes" before finishing.
    const [claimed] = state.outbox.claimDue(clock, 10, MIN);
    expect(claimed!.status).toBe('sending');
    await n.tick();
    expect(receiver.received).toHaveLength(0);
    clock += MIN;
    await n.tick();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.headers['idempotency-key']).toBe(claimed!.idempotency_key);
    expect(state.outbox.get(claimed!.seq)).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('keeps handed-over transitions across a restart (grouping state in state.db)', async () => {
    await notifier().deliver([firing('e1', '1.1.1.1')]);
    state.close();
    state = openState(dataDir, () => clock);
    clock += 31_000;
    await notifier(state).tick();
    expect(receiver.received).toHaveLength(1);
  });

  it('records silenced notifications instead of sending them', async () => {
    state.silences.create({ kind: 'silence', matchers: [{ label: 'ip', op: '=', value: '1.1.1.1' }], startsAt: clock - 1, endsAt: clock + 60 * MIN, comment: 'known scanner' }, 'admin');
    const n = notifier();
    await n.deliver([firing('e1', '1.1.1.1')]);
    clock += 31_000;
    await n.tick();
    expect(receiver.received).toHaveLength(0);
    expect(state.outbox.list({ limit: 1 })[0]).toMatchObject({ status: 'silenced', silence_id: expect.any(String), alert_count: 1, title: expect.stringMatching(/held back by a silence/) });
  });
});

describe('a kill -9 while sending', () => {
  const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'notifier-child.ts');
  const running: ChildProcess[] = [];
  afterEach(() => {
    for (const p of running) if (p.exitCode === null) p.kill('SIGKILL');
  });

  const startChild = (mode?: string) =>
    new Promise<ChildProcess>((resolve, reject) => {
      const proc = spawn(process.execPath, [child, dataDir, receiver.url, ...(mode ? [mode] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
      running.push(proc);
      proc.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(proc));
      proc.on('error', reject);
    });
  // Generous: two child processes start on a shared, busy machine.
  const until = async (check: () => boolean, ms = 40_000) => {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (check()) return;
    throw new Error('condition not met in time');
  };

  it('delivers after the restart, with the same idempotency key', async () => {
    state.close();
    // The receiver takes the first request and never answers: Vigil is killed in mid-send.
    receiver.respond = () => (receiver.received.length === 1 ? 'hang' : 200);
    const first = await startChild('enqueue');
    await until(() => receiver.received.length === 1);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    const second = await startChild();
    await until(() => receiver.received.length >= 2);
    expect(receiver.received[1]!.headers['idempotency-key']).toBe(receiver.received[0]!.headers['idempotency-key']);
    state = openState(dataDir);
    await until(() => state.outbox.list({ limit: 5 })[0]?.status === 'delivered');
    expect(state.outbox.list({ limit: 5 })).toHaveLength(1);
    // Alive until killed, like Vigil: a child that exits on an idle first round would never resend.
    expect(second.exitCode).toBeNull();
    second.kill('SIGTERM');
  }, 90_000);
});
