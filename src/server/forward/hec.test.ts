// HEC forwarding to a protocol-faithful receiver: batches, indexer acknowledgements, a dead
// destination for an hour that loses nothing and catches up, and the cursor only moving on ack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_UNCONFIRMED } from './runner.ts';
import { createForwardFixture, type ForwardFixture } from './testing/fixture.ts';
import { startHecReceiver, type HecReceiver } from './testing/hec-receiver.ts';

const TOKEN = '6f0d2c4e-hec-token';
let f: ForwardFixture;
let hec: HecReceiver;
beforeAll(async () => {
  f = await createForwardFixture();
  hec = await startHecReceiver({ token: TOKEN, useAck: true, indexDelayMs: 50 });
});
afterAll(async () => {
  await f.close();
  await hec.close();
});

const lines = (from: number, n: number, start: number, stepMs: number) =>
  Array.from({ length: n }, (_, i) => ({ time: start + i * stepMs, content: `Failed password for root from 10.0.0.${(from + i) % 250} n=${from + i}`, labels: { hostName: 'ecs-bastion-01', level: i % 10 === 0 ? 'ERROR' : 'INFO' } }));
const numbers = () => hec.events.map((e) => Number(/n=(\d+)/.exec(String(e.event))![1]));

describe('Splunk HEC forwarder', () => {
  it('sends batches with index, sourcetype and fields, and moves the cursor only after the ack', async () => {
    await f.append(lines(0, 250, f.clock.now - 600_000, 1000));
    const id = f.create({ destination: { format: 'hec', url: hec.url, index: 'otc', sourcetype: 'otc:auth', ack: true }, secrets: { token: TOKEN } }, f.clock.now - 700_000);
    await f.drain(id);
    expect(numbers()).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(hec.events[0]).toMatchObject({ index: 'otc', sourcetype: 'otc:auth', host: 'ecs-bastion-01', source: 'vigil:ecs-prod/auth', fields: { log_group: 'ecs-prod', log_stream: 'auth', label_level: 'ERROR' } });
    expect(hec.events[0]!.time).toBeCloseTo((f.clock.now - 600_000) / 1000, 3);
    const stored = f.state.forwarders.get(id)!;
    expect(stored.delivered).toBe(250);
    expect(f.runner.status(stored)).toMatchObject({ state: 'ok', failures: 0, delivered: 250 });
    f.state.forwarders.delete(id);
  });

  it('keeps the cursor when the ack never comes, and sends the batch again', async () => {
    hec.events.length = 0;
    const id = f.create({ destination: { format: 'hec', url: hec.url, ack: true }, secrets: { token: TOKEN }, batchSize: 50 }, f.clock.now - 30_000);
    await f.append(lines(1000, 10, f.clock.now - 20_000, 100));
    hec.indexDelayMs = 60_000; // never within the runner's 2 s ack deadline
    expect(await f.drain(id)).toBe(1);
    const failed = f.state.forwarders.get(id)!;
    expect(failed.delivered).toBe(0);
    expect(f.runner.status(failed)).toMatchObject({ state: 'retrying', failures: 1, lastError: expect.stringMatching(/did not confirm ackId/) });
    hec.indexDelayMs = 0;
    await f.drain(id);
    expect(f.state.forwarders.get(id)!.delivered).toBe(10);
    // The first copy was indexed late; at least once means the receiver may hold it twice.
    expect(new Set(numbers())).toEqual(new Set(Array.from({ length: 10 }, (_, i) => 1000 + i)));
    f.state.forwarders.delete(id);
  });

  it('keeps batches out while their acks are awaited, and moves the cursor over them only in order', async () => {
    hec.events.length = 0;
    hec.maxUnconfirmed = 0;
    const id = f.create({ destination: { format: 'hec', url: hec.url, ack: true }, secrets: { token: TOKEN }, batchSize: 10 }, f.clock.now - 5_000);
    await f.append(lines(3000, 100, f.clock.now - 4_000, 10));
    const initial = f.state.forwarders.get(id)!.cursor;
    // The first batch is indexed only after the runner's 2 s deadline, the ones after it at once.
    hec.indexDelayOf = (ackId) => (ackId === 0 ? 60_000 : 0);
    expect(await f.drain(id)).toBe(1);
    expect(hec.maxUnconfirmed).toBe(MAX_UNCONFIRMED);
    const failed = f.state.forwarders.get(id)!;
    expect(failed.delivered).toBe(0);
    expect(failed.cursor).toEqual(initial);
    expect(f.runner.status(failed)).toMatchObject({ state: 'retrying', lastError: expect.stringMatching(/did not confirm ackId 0/) });

    hec.indexDelayOf = null;
    hec.indexDelayMs = 50;
    await f.drain(id);
    const done = f.state.forwarders.get(id)!;
    expect(done.delivered).toBe(100);
    expect(f.runner.status(done)).toMatchObject({ state: 'ok', failures: 0 });
    // Batches 2-8 of the first attempt were indexed, then sent again with the first: at least once.
    expect(new Set(numbers())).toEqual(new Set(Array.from({ length: 100 }, (_, i) => 3000 + i)));
    expect(numbers().length).toBeGreaterThanOrEqual(100 + 70);
    f.state.forwarders.delete(id);
  });

  it('refuses a wrong token with HEC\'s answer and keeps everything for later', async () => {
    hec.events.length = 0;
    const id = f.create({ destination: { format: 'hec', url: hec.url, ack: false }, secrets: { token: 'wrong' } }, f.clock.now - 30_000);
    await f.append(lines(2000, 5, f.clock.now - 10_000, 100));
    await f.drain(id);
    expect(f.state.forwarders.get(id)!.lastError).toMatch(/HTTP 403: \{"text":"Invalid token","code":4\}/);
    expect(hec.events).toEqual([]);
    f.state.forwarders.delete(id);
  });

  it('loses nothing over an hour with the destination dead, then catches up batch after batch', async () => {
    hec.events.length = 0;
    hec.useAck = false;
    const start = f.clock.now;
    const id = f.create({ destination: { format: 'hec', url: hec.url, ack: false }, secrets: { token: TOKEN }, batchSize: 500, settleSeconds: 30 }, start);
    hec.busy = true;
    // One line a second for an hour, committed as time goes by; the runner keeps trying.
    for (let minute = 0; minute < 60; minute++) {
      await f.append(lines(10_000 + minute * 60, 60, start + minute * 60_000 + 1, 1000));
      f.clock.now = start + (minute + 1) * 60_000;
      await f.drain(id);
    }
    const dead = f.state.forwarders.get(id)!;
    expect(dead.delivered).toBe(0);
    expect(f.runner.status(dead)).toMatchObject({ state: 'retrying', lastError: expect.stringMatching(/503.*Server is busy/) });
    expect(f.runner.status(dead).lagSeconds).toBeGreaterThanOrEqual(3600);
    hec.busy = false;
    f.clock.now += 60_000;
    const steps = await f.drain(id);
    expect(steps).toBeGreaterThanOrEqual(8); // 3600 lines in batches of 500, back to back
    expect(numbers().sort((a, b) => a - b)).toEqual(Array.from({ length: 3600 }, (_, i) => 10_000 + i));
    const caughtUp = f.state.forwarders.get(id)!;
    expect(caughtUp.delivered).toBe(3600);
    expect(f.runner.status(caughtUp)).toMatchObject({ state: 'ok', failures: 0 });
    expect(f.runner.status(caughtUp).lagSeconds).toBeLessThanOrEqual(31);
  });
});
