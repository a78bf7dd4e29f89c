// Anomaly rules: the backtest replays the detector over history and raises exactly the alerts the
// evaluator raises minute by minute; values respect when the detector could have seen an anomaly.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertRuleInputSchema, type AlertRuleInputRaw, type Anomaly } from '../../../contract/index.ts';
import { silentLogger } from '../../logger.ts';
import { openState, type VigilState } from '../../state/index.ts';
import { openStore } from '../../storage/index.ts';
import type { SearchableStore } from '../../storage/ports.ts';
import { AnomalyDetector } from '../anomalies/detector.ts';
import { plantSpike, type PlantedSpike } from '../anomalies/testing/plant.ts';
import { loadAnomalyCells, subjectLabels, type AnomalyLookup } from './anomaly-series.ts';
import { runBacktest } from './backtest.ts';
import { AlertEvaluator } from './evaluator.ts';
import { CollectingSink } from './transition.ts';
import { ruleIssues } from './validate.ts';

const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 20, 12, 0);

const spikeRule = (minScore: number): AlertRuleInputRaw => ({
  name: 'app volume',
  severity: 'major',
  everySeconds: 60,
  recoveryEvaluations: 1,
  condition: { type: 'anomaly', kind: 'log_volume', group: 'anomaly-test', stream: 'app', minScore, windowSeconds: 300 },
});

describe('anomaly rules over a real detector', { timeout: 180_000 }, () => {
  let dir: string;
  let store: SearchableStore;
  let state: VigilState;
  let planted: PlantedSpike;
  let detector: AnomalyDetector;
  const clock = { now: NOW };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-anomaly-rule-'));
    store = await openStore({ kind: 'embedded', dataDir: dir });
    state = openState(dir);
    planted = await plantSpike(store, NOW);
    detector = new AnomalyDetector({ store, feedback: state.anomalyFeedback, now: () => clock.now });
  }, 60_000);
  afterEach(async () => {
    state.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('fires once for the planted spike, in the backtest and in the evaluator alike', async () => {
    const rule = state.alertRules.create(alertRuleInputSchema.parse(spikeRule(50)), 'test');
    const sink = new CollectingSink();
    const evaluator = new AlertEvaluator({ store, rules: state.alertRules, events: state.alertEvents, sink, logger: silentLogger, now: () => clock.now, anomalies: detector });
    const from = NOW - 3 * 60 * MIN;
    for (clock.now = from; clock.now <= NOW; clock.now += MIN) await evaluator.tick();

    const backtest = await runBacktest(store, rule, null, { from: from - MIN, to: NOW }, [], undefined, detector);
    const events = state.alertEvents.list({ limit: 100 }).events.reverse();
    const fromEvents = events.map((e) => ({ groupKey: e.groupKey, start: e.startsAt, end: e.endsAt, peak: e.peak }));
    expect(fromEvents).toEqual(backtest.instances.map((i) => ({ groupKey: i.groupKey, start: i.start, end: i.end, peak: i.peak })));
    expect(fromEvents).toHaveLength(1);
    // Seen once the spike's 5-minute bucket was complete; over once the window has passed it.
    expect(fromEvents[0]).toMatchObject({ groupKey: 'stream:anomaly-test/app', start: planted.spikeStart + 5 * MIN, end: planted.spikeStart + 10 * MIN });
    const { anomalies } = await detector.detect({ from, to: NOW, kind: 'log_volume', group: 'anomaly-test', stream: 'app' });
    expect(fromEvents[0]!.peak).toBe(anomalies.find((a) => a.id === planted.id)!.score);
    expect(sink.delivered[0]).toMatchObject({ labels: { group: 'anomaly-test', stream: 'app' }, threshold: 50 });
    expect(sink.delivered[0]!.summary).toMatch(/log volume anomaly of anomaly-test\/app, score \d+/);
    expect(sink.delivered[0]!.evidencePath).toMatch(/^\/anomalies\?kind=log_volume&minScore=50&from=\d+&to=\d+$/);
    expect(backtest.threshold).toBe(50);
  });

  it('stays quiet when the floor is above the spike, and says so without a detector', async () => {
    // A smaller spike on a stream of its own, so its score lies below 100.
    const small = await plantSpike(store, NOW, { stream: 'small', spikeLines: 10 });
    const { anomalies } = await detector.detect({ from: NOW - 3 * 60 * MIN, to: NOW, kind: 'log_volume', group: small.group, stream: 'small' });
    const score = anomalies.find((a) => a.id === small.id)!.score;
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThan(100);
    const raw = spikeRule(score + 1);
    const rule = alertRuleInputSchema.parse({ ...raw, condition: { ...raw.condition, stream: 'small' } });
    const quiet = await runBacktest(store, rule, null, { from: NOW - 3 * 60 * MIN, to: NOW }, [], undefined, detector);
    expect(quiet.instances).toEqual([]);
    expect(Math.max(...quiet.series.values.map((v) => v ?? 0))).toBe(score);
    await expect(runBacktest(store, rule, null, { from: NOW - 60 * MIN, to: NOW })).rejects.toThrow(/anomaly detection is not available/);
  });
});

describe('anomaly cells', () => {
  const anomaly = (subject: Anomaly['subject'], start: number, end: number, score: number, bucketMs = 5 * MIN): Anomaly =>
    ({ id: `${JSON.stringify(subject)}@${start}`, kind: 'log_volume', subject, start, end, bucketMs, score }) as Anomaly;
  const lookup = (anomalies: Anomaly[], evaluatedUntil: number): AnomalyLookup & { requests: unknown[] } => {
    const requests: unknown[] = [];
    return {
      requests,
      detect: async (request) => {
        requests.push(request);
        return { from: request.from, to: request.to, anomalies: anomalies.filter((a) => a.end > request.from && a.start < request.to), evaluatedUntil: Math.min(request.to, evaluatedUntil) };
      },
    };
  };
  const T = Date.UTC(2026, 10, 20, 8, 0);
  const condition = { type: 'anomaly' as const, kind: 'log_volume' as const, group: '', stream: '', user: '', service: '', minScore: 50, windowSeconds: 600 };

  it('holds each subject\'s highest score from when its first bucket is complete until the window has passed its end', async () => {
    const a = anomaly({ group: 'g', stream: 'a' }, T + 10 * MIN, T + 20 * MIN, 70);
    const b = anomaly({ group: 'g', stream: 'a' }, T + 15 * MIN, T + 20 * MIN, 90);
    const c = anomaly({ user: 'eve' }, T + 30 * MIN, T + 90 * MIN, 60, 60 * MIN);
    const data = await loadAnomalyCells(lookup([a, b, c], T + 120 * MIN), condition, T, T + 120 * MIN, MIN);
    const at = (minute: number, group: string) => data.cells.get(minute - 1)?.get(group) ?? 0;
    expect(at(14, 'stream:g/a')).toBe(0);
    expect(at(15, 'stream:g/a')).toBe(70);
    expect(at(20, 'stream:g/a')).toBe(90);
    expect(at(29, 'stream:g/a')).toBe(90);
    expect(at(30, 'stream:g/a')).toBe(0);
    expect(at(89, 'user:eve')).toBe(0);
    expect(at(90, 'user:eve')).toBe(60);
    expect(data.incompleteReason).toBeNull();
    expect(subjectLabels('stream:g/a')).toEqual({ group: 'g', stream: 'a' });
    expect(subjectLabels('user:eve')).toEqual({ user: 'eve' });
  });

  it('says up to where the detector judged, and asks it for at most 30 days at once', async () => {
    const source = lookup([], T + 60 * MIN);
    const data = await loadAnomalyCells(source, condition, T - 40 * 86_400_000, T + 120 * MIN, MIN);
    expect(data.judgedUntil).toBe(T + 60 * MIN);
    expect(data.incompleteReason).toMatch(/not judged yet/);
    expect(source.requests.length).toBe(2);
  });

  it('checks the window against the detector\'s buckets and the subject against the kind', () => {
    const rule = (patch: object) => alertRuleInputSchema.parse({ ...spikeRule(80), condition: { ...spikeRule(80).condition, ...patch } });
    expect(ruleIssues(rule({}), 60)).toEqual([]);
    expect(ruleIssues(rule({ windowSeconds: 120 }), 60).map((i) => i.path)).toEqual(['condition.windowSeconds']);
    expect(ruleIssues(rule({ kind: 'audit_behaviour', group: '', stream: '', windowSeconds: 1800 }), 60)[0]!.message).toMatch(/at least 60 min/);
    expect(ruleIssues(rule({ user: 'eve' }), 60).map((i) => i.path)).toEqual(['condition.user']);
    expect(ruleIssues(rule({ group: '' }), 60).map((i) => i.path)).toEqual(['condition.group']);
    expect(ruleIssues(rule({ kind: 'audit_behaviour', group: '', stream: '', service: 'IAM', windowSeconds: 3600 }), 60).map((i) => i.path)).toEqual(['condition.service']);
  });
});
