// A Vigil-like process for the crash test: opens state.db, optionally hands one transition to the
// notifier, and delivers until killed. Run as: node notifier-child.ts DATA_DIR RECEIVER_URL [enqueue]
import { silentLogger } from '../../logger.ts';
import { parseAllowList } from '../../outbound/address-policy.ts';
import { OutboundClient } from '../../outbound/client.ts';
import { openState } from '../../state/index.ts';
import { Notifier } from './notifier.ts';
import { createChannelSender } from './senders/channel-sender.ts';
import { makeTransition } from './testing.ts';

const [dataDir, receiverUrl, mode] = process.argv.slice(2) as [string, string, string | undefined];
const state = openState(dataDir);
const channel =
  state.channels.list()[0] ??
  state.channels.create(
    { name: 'crash hook', enabled: true, settings: { kind: 'webhook', url: `${receiverUrl}/hook` }, secrets: { secret: 's' }, template: { title: '{{ruleName}}', body: '{{summary}}' } },
    'test',
  );
const notifier = new Notifier({
  outbox: state.outbox,
  channels: state.channels,
  silences: state.silences,
  send: createChannelSender({ client: new OutboundClient({ allow: parseAllowList('127.0.0.1'), timeoutMs: 60_000 }), publicUrl: 'https://vigil.example' }),
  logger: silentLogger,
  publicUrl: 'https://vigil.example',
  policyFor: () => ({ groupBy: [], groupWaitSeconds: 0, groupIntervalSeconds: 1, repeatIntervalSeconds: 3600 }),
  // A short lease so the restarted process takes the abandoned row again quickly.
  delivery: { leaseMs: 1500, baseMs: 200, maxMs: 1000 },
});
if (mode === 'enqueue') {
  await notifier.deliver([makeTransition({ eventId: 'crash-event', state: 'firing', startsAt: Date.now(), channelIds: [channel.id] })]);
}
notifier.start(100);
// The notifier's timer does not hold the process open (in Vigil the HTTP listener does). Without
// this, a restarted child whose abandoned row is still leased finds nothing to send in its first
// round and simply exits, before the lease runs out: hold it open until it is killed, as Vigil is.
setInterval(() => {}, 60_000);
process.stdout.write('ready\n');
