// Access logs without a level: their error ratio counts HTTP status >= 500. The demo's nginx
// access stream labels 5xx lines ERROR, so the same lines without labels must give the same
// error series, and the detector must find the planted 5xx burst on the unlabelled copy too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData, planDemoData } from '../../seed/generate.ts';
import { openState, type VigilState } from '../../state/index.ts';
import { openTempStore, type TempStore } from '../../storage/embedded/test-helpers.ts';
import type { LogSeriesData } from '../../storage/ports.ts';
import { AnomalyDetector } from './detector.ts';

const NOW = Date.UTC(2026, 10, 26, 10, 37);
const DAY = 86_400_000;
const BURST = Math.floor(NOW / DAY) * DAY - DAY + (14 * 60 + 45) * 60_000;

describe('error ratio of access logs without a level', () => {
  let temp: TempStore;
  let state: VigilState;
  let series: LogSeriesData;

  beforeAll(async () => {
    temp = await openTempStore();
    state = openState(temp.dir, () => NOW);
    const { logs } = temp.store;
    const group = await logs.ensureGroup({ name: 'web', ttlInDays: 30 });
    const labelled = await logs.ensureStream({ groupId: group.id, name: 'labelled' });
    const bare = await logs.ensureStream({ groupId: group.id, name: 'bare' });
    for (const batch of generateDemoData(planDemoData({ days: 30, lines: 60_000, seed: 1, now: NOW }))) {
      if (batch.kind !== 'lines' || batch.stream !== 'nginx-access') continue;
      await logs.appendLines(labelled.id, batch.lines);
      await logs.appendLines(bare.id, batch.lines.map(({ labels: { level: _level, ...labels }, ...line }) => ({ ...line, labels })));
    }
    series = await temp.store.anomalySeries.logSeries({ from: NOW - 30 * DAY, to: NOW });
  }, 240_000);
  afterAll(async () => {
    state?.close();
    await temp?.dispose();
  });

  it('counts the 5xx responses of unlabelled lines as errors, bucket by bucket as the ERROR level does', () => {
    const [bare, labelled] = series.streams;
    expect([bare!.stream, labelled!.stream]).toEqual(['bare', 'labelled']);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    expect(sum(labelled!.errors)).toBeGreaterThan(100);
    expect(bare!.total).toEqual(labelled!.total);
    expect(bare!.errors).toEqual(labelled!.errors);
  });

  it('finds the planted 5xx burst on the unlabelled stream with a high score', async () => {
    const detector = new AnomalyDetector({ store: temp.store, feedback: state.anomalyFeedback, now: () => NOW });
    const { anomalies } = await detector.detect({ from: NOW - 7 * DAY, to: NOW, kind: 'log_error_ratio', group: 'web', stream: 'bare' });
    const burst = anomalies.find((a) => a.start <= BURST && a.end > BURST);
    expect(burst).toBeDefined();
    expect(burst!.score).toBeGreaterThanOrEqual(80);
    expect(burst!.summary).toMatch(/^Error lines were/);
  });
});
