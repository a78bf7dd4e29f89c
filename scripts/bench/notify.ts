/**
 * Notification bench: planning (grouping, repeats, silences) over a month of transitions, and the
 * outbox end to end: notifications handed to the notifier, persisted, and delivered over HTTP to a
 * local receiver (signed webhook), per second.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../src/server/logger.ts';
import { parseAllowList } from '../../src/server/outbound/address-policy.ts';
import { OutboundClient } from '../../src/server/outbound/client.ts';
import { planNotifications } from '../../src/server/services/notify/model.ts';
import { Notifier } from '../../src/server/services/notify/notifier.ts';
import { createChannelSender } from '../../src/server/services/notify/senders/channel-sender.ts';
import { makeTransition } from '../../src/server/services/notify/testing.ts';
import { openState } from '../../src/server/state/index.ts';

export interface NotifyBench {
  planTransitions: number;
  planNotifications: number;
  planMs: number;
  deliveries: number;
  deliverSeconds: number;
  deliveriesPerSecond: number;
}

export async function runNotifyBench({ deliveries }: { deliveries: number }): Promise<NotifyBench> {
  // A month of a noisy rule: 200 source IPs firing and resolving every few hours.
  const start = Date.UTC(2026, 10, 1);
  const transitions = [];
  for (let i = 0; i < 10_000; i++) {
    const at = start + i * 4 * 60_000;
    const ip = `203.0.113.${i % 200}`;
    transitions.push(makeTransition({ eventId: `e${i}`, state: 'firing', startsAt: at, labels: { ip } }));
    transitions.push(makeTransition({ eventId: `e${i}`, state: 'resolved', startsAt: at, endsAt: at + 30 * 60_000, labels: { ip } }));
  }
  const silences = [{ id: 's', matchers: [{ label: 'ip', op: '=' as const, value: '203.0.113.7' }], startsAt: start, endsAt: start + 30 * 86_400_000 }];
  const t0 = performance.now();
  const plan = planNotifications(transitions, { groupBy: ['ip'], groupWaitSeconds: 30, groupIntervalSeconds: 300, repeatIntervalSeconds: 4 * 3600 }, silences, {
    until: start + 30 * 86_400_000,
    maxNotifications: 1_000_000,
  });
  const planMs = performance.now() - t0;

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vigil-bench-notify-'));
  let received = 0;
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const state = openState(dataDir);
  try {
    const channel = state.channels.create(
      { name: 'bench', enabled: true, settings: { kind: 'webhook', url }, secrets: { secret: 'bench' }, template: { title: '{{ruleName}}', body: '{{summary}}' } },
      'bench',
    );
    const notifier = new Notifier({
      outbox: state.outbox,
      channels: state.channels,
      silences: state.silences,
      send: createChannelSender({ client: new OutboundClient({ allow: parseAllowList('127.0.0.1') }), publicUrl: 'https://vigil.example' }),
      logger: silentLogger,
      publicUrl: 'https://vigil.example',
      policyFor: () => ({ groupBy: ['ip'], groupWaitSeconds: 0, groupIntervalSeconds: 1, repeatIntervalSeconds: 3600 }),
    });
    const t1 = performance.now();
    const batch = Array.from({ length: deliveries }, (_, i) =>
      makeTransition({ eventId: `d${i}`, state: 'firing', startsAt: Date.now(), labels: { ip: `198.51.100.${i % 250}`, n: String(i) }, channelIds: [channel.id] }),
    );
    // Distinct groups per transition, so each becomes its own notification.
    for (let i = 0; i < batch.length; i += 100) {
      await notifier.deliver(batch.slice(i, i + 100).map((t) => ({ ...t, ruleId: `rule-${t.eventId}` })));
    }
    while (received < deliveries) await notifier.tick();
    const deliverSeconds = (performance.now() - t1) / 1000;
    return {
      planTransitions: transitions.length,
      planNotifications: plan.length,
      planMs,
      deliveries,
      deliverSeconds,
      deliveriesPerSecond: deliveries / deliverSeconds,
    };
  } finally {
    state.close();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}
