// GELF forwarding to a receiver that reassembles chunks and gunzips as Graylog does.
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../testing/eventually.ts';
import { createForwardFixture, type ForwardFixture } from './testing/fixture.ts';
import { startGelfReceiver, type GelfReceiver } from './testing/gelf-receiver.ts';

let f: ForwardFixture;
let gelf: GelfReceiver;
beforeAll(async () => {
  f = await createForwardFixture();
  gelf = await startGelfReceiver();
  const t = f.clock.now - 60_000;
  await f.append([
    { time: t, content: 'sshd[812]: Accepted password for deploy from 185.220.101.47', labels: { hostName: 'ecs-bastion-01', level: 'WARN', appName: 'sshd', id: 'x' } },
    // Random CJK text, 3 bytes a character and barely compressible: gzip'd it needs several 8 KB datagrams.
    { time: t + 1, content: `big ${Array.from({ length: 9_000 }, () => String.fromCharCode(0x4e00 + randomInt(20_000))).join('')}`, labels: { hostName: 'ecs-bastion-01' } },
    { time: t + 2, content: 'third line', labels: {} },
  ]);
});
afterAll(async () => {
  await f.close();
  await gelf.close();
});

describe('GELF forwarder', () => {
  it('sends gzip datagrams over UDP, chunking the large message, all reassembled', async () => {
    const id = f.create({ destination: { format: 'gelf', host: '127.0.0.1', port: gelf.udpPort, transport: 'udp' } });
    await f.drain(id);
    await eventually(() => gelf.messages.length, (n) => n >= 3);
    expect(gelf.invalid).toBe(0);
    expect(gelf.chunkedMessages).toBe(1);
    expect(gelf.messages.map((m) => String(m.short_message).slice(0, 10))).toEqual(['sshd[812]:', 'big ' + String(gelf.messages[1]!.short_message).slice(4, 10), 'third line']);
    expect(gelf.messages[0]).toMatchObject({ version: '1.1', host: 'ecs-bastion-01', level: 4, _log_group: 'ecs-prod', _log_stream: 'auth', _appName: 'sshd', _label_id: 'x' });
    expect(gelf.messages[0]).not.toHaveProperty('_id');
    expect(String(gelf.messages[1]!.full_message).length).toBe(9_004);
    expect(gelf.messages[0]!.timestamp).toBeCloseTo((f.clock.now - 60_000) / 1000, 3);
    expect(f.state.forwarders.get(id)!.delivered).toBe(3);
    f.state.forwarders.delete(id);
  });

  it('sends null-delimited frames over TCP and counts them after the receiver closed cleanly', async () => {
    gelf.messages.length = 0;
    const id = f.create({ destination: { format: 'gelf', host: '127.0.0.1', port: gelf.tcpPort, transport: 'tcp' }, batchSize: 2 });
    expect(await f.drain(id)).toBe(2);
    expect(gelf.messages).toHaveLength(3);
    expect(gelf.invalid).toBe(0);
    expect(f.state.forwarders.get(id)!.delivered).toBe(3);
  });

  it('records the error and keeps the cursor when nobody listens', async () => {
    const id = f.create({ destination: { format: 'gelf', host: '127.0.0.1', port: 9, transport: 'tcp' } });
    await f.drain(id);
    const stored = f.state.forwarders.get(id)!;
    expect(stored.delivered).toBe(0);
    expect(f.runner.status(stored)).toMatchObject({ state: 'retrying', lastError: expect.stringMatching(/ECONNREFUSED/) });
  });
});
