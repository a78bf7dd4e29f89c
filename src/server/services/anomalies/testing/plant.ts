/** Test data: a stream with a steady week and one sharp spike, and the id of that anomaly. */
import type { NewLogLine, Store } from '../../../storage/ports.ts';
import { anomalyId } from '../ids.ts';

const STEP = 300_000;

export interface PlantedSpike {
  id: string;
  group: string;
  stream: string;
  spikeStart: number;
  streamId: string;
}

/** 8 days of 2 lines per 5 minutes, then `spikeLines` lines in the bucket two hours before `now`. */
export async function plantSpike(store: Store, now: number, { group = 'anomaly-test', stream = 'app', spikeLines = 200 } = {}): Promise<PlantedSpike> {
  const g = await store.logs.ensureGroup({ name: group, ttlInDays: 30 });
  const s = await store.logs.ensureStream({ groupId: g.id, name: stream });
  const end = now - (now % STEP);
  const spikeStart = end - 24 * STEP;
  const lines: NewLogLine[] = [];
  for (let t = end - 8 * 86_400_000; t < end; t += STEP) {
    lines.push({ time: t + 1_000, content: `steady heartbeat ok`, labels: { hostName: 'app-01', level: 'INFO' } });
    lines.push({ time: t + 2_000, content: `steady request served`, labels: { hostName: 'app-02', level: 'INFO' } });
  }
  for (let i = 0; i < spikeLines; i++) {
    lines.push({ time: spikeStart + 10_000 + i * 100, content: `Failed password for root from 203.0.113.9 port ${40_000 + i} ssh2`, labels: { hostName: 'app-01', level: 'WARN' } });
  }
  lines.sort((a, b) => a.time - b.time);
  for (let i = 0; i < lines.length; i += 2_000) await store.logs.appendLines(s.id, lines.slice(i, i + 2_000));
  return { id: anomalyId('log_volume', { group, stream }, spikeStart), group, stream, spikeStart, streamId: s.id };
}
