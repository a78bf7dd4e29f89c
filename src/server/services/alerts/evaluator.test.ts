import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertRuleInputSchema, type AlertRuleInputRaw } from '../../../contract/index.ts';
import { silentLogger } from '../../logger.ts';
import { openState, type VigilState } from '../../state/index.ts';
import { openStore } from '../../storage/index.ts';
import type { SearchableStore } from '../../storage/ports.ts';
import { instancesOf, runBacktest, simulate } from './backtest.ts';
import { AlertEvaluator } from './evaluator.ts';
import { resolveScope } from './series.ts';
import { CollectingSink, type AlertTransition, type AlertTransitionSink } from './transition.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 20, 8, 0);

const sshRule: AlertRuleInputRaw = {
  name: 'ssh',
  severity: 'critical',
  labels: { team: 'sec' },
  everySeconds: 60,
  pendingSeconds: 60,
  recoveryEvaluations: 2,
  condition: { type: 'query', query: '"Failed password"', logGroups: ['prod'], logStreams: ['auth'], windowSeconds: 180, op: '>', threshold: 4, groupBy: 'ip' },
};

let dir: string;
let store: SearchableStore;
let state: VigilState;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-alerts-'));
  store = await openStore({ kind: 'embedded', dataDir: dir });
  state = openState(dir);
  const group = await store.logs.ensureGroup({ name: 'prod', ttlInDays: 30 });
  const stream = await store.logs.ensureStream({ groupId: group.id, name: 'auth' });
  // Three bursts from two addresses, noise that never fires, and a burst that flaps.
  const lines = [];
  const burst = (start: number, minutes: number, perMinute: number, ip: string) => {
    for (let m = 0; m < minutes; m++) {
      for (let i = 0; i < perMinute; i++) lines.push({ time: start + m * MIN + i * 1000, content: `sshd[1]: Failed password for root from ${ip} port ${1000 + i} ssh2`, labels: {} });
    }
  };
  burst(T0 + 10 * MIN, 6, 3, '198.51.100.1');
  burst(T0 + 12 * MIN, 3, 4, '198.51.100.2');
  burst(T0 + 40 * MIN, 2, 5, '198.51.100.1');
  burst(T0 + 70 * MIN, 30, 1, '203.0.113.9');
  for (let m = 0; m < 120; m += 7) lines.push({ time: T0 + m * MIN + 500, content: 'sshd[2]: Accepted publickey for deploy from 10.0.0.1', labels: {} });
  lines.sort((a, b) => a.time - b.time);
  await store.logs.appendLines(stream.id, lines);
}, 60_000);

afterEach(async () => {
  state.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
}, 60_000);

function evaluator(sink: AlertTransitionSink, clock: { now: number }) {
  return new AlertEvaluator({ store, rules: state.alertRules, events: state.alertEvents, sink, logger: silentLogger, now: () => clock.now });
}

/** Drives the evaluator minute by minute from `from` to `to`, as the timer would. */
async function drive(ev: AlertEvaluator, clock: { now: number }, from: number, to: number, everyMs = MIN) {
  for (clock.now = from; clock.now <= to; clock.now += everyMs) await ev.tick();
}

// Each test drives the evaluator over two hours of minutes against a real store: slow on a busy machine.
describe('alert evaluator', { timeout: 120_000 }, () => {
  it('raises exactly the alerts the backtest shows over the same history', async () => {
    const rule = state.alertRules.create(alertRuleInputSchema.parse(sshRule), 'test');
    const sink = new CollectingSink();
    const clock = { now: T0 };
    await drive(evaluator(sink, clock), clock, T0, T0 + 120 * MIN);

    const scope = resolveScope(rule, await store.logs.listGroups());
    // The evaluator's first step on sight is T0 itself; the backtest replays (T0 - 1 min, end].
    const backtest = await runBacktest(store, rule, scope, { from: T0 - MIN, to: T0 + 120 * MIN });
    const events = state.alertEvents.list({ limit: 100 }).events.reverse();
    const fromEvents = events.map((e) => ({ groupKey: e.groupKey, start: e.startsAt, end: e.endsAt, peak: e.peak }));
    expect(fromEvents).toEqual(backtest.instances.map((i) => ({ groupKey: i.groupKey, start: i.start, end: i.end, peak: i.peak })));
    expect(fromEvents.map((e) => e.groupKey)).toEqual(['198.51.100.1', '198.51.100.2', '198.51.100.1']);
    // Every transition reached the sink once, with the rule's and the group's labels.
    expect(sink.delivered.map((t) => t.state)).toEqual(['firing', 'firing', 'resolved', 'resolved', 'firing', 'resolved']);
    expect(sink.delivered[0]).toMatchObject({ ruleId: rule.id, labels: { team: 'sec', ip: '198.51.100.1' }, threshold: 4, channelIds: [] });
    expect(sink.delivered[0]!.evidencePath).toContain('/search?q=');
    expect(backtest.firesPerDay.reduce((n, d) => n + d.fires, 0)).toBe(3);
  });

  it('resumes after a restart without losing a firing alert or firing it twice, catching up on missed steps', async () => {
    const rule = state.alertRules.create(alertRuleInputSchema.parse(sshRule), 'test');
    const first = new CollectingSink();
    const clock = { now: T0 };
    await drive(evaluator(first, clock), clock, T0, T0 + 13 * MIN);
    expect(first.delivered.map((t) => `${t.state}:${t.groupKey}`)).toEqual(['firing:198.51.100.1']);

    // "Restart": a new evaluator over the same state.db, after 30 minutes down.
    const second = new CollectingSink();
    await evaluator(second, clock).tick();
    clock.now = T0 + 45 * MIN;
    await evaluator(second, clock).tick();
    const all = [...first.delivered, ...second.delivered].map((t) => `${t.state}:${t.groupKey}`);
    expect(all.filter((t) => t === 'firing:198.51.100.1')).toHaveLength(2); // the first burst and the one at 40 min
    expect(all).toContain('resolved:198.51.100.1');
    expect(all).toContain('firing:198.51.100.2');

    const sim = await simulate(store, rule, resolveScope(rule, await store.logs.listGroups()), T0 - MIN, T0 + 45 * MIN);
    expect(all).toEqual(sim.transitions.map((t) => `${t.state}:${t.groupKey}`));
    expect(instancesOf(rule, sim.transitions).length).toBe(state.alertEvents.list({ limit: 100 }).events.length);
  });

  it('keeps transitions the sink refused and hands them over on the next pass', async () => {
    state.alertRules.create(alertRuleInputSchema.parse(sshRule), 'test');
    let fail = true;
    const got: AlertTransition[] = [];
    const flaky: AlertTransitionSink = {
      deliver: async (transitions) => {
        if (fail) throw new Error('receiver down');
        got.push(...transitions);
      },
    };
    const clock = { now: T0 };
    const ev = evaluator(flaky, clock);
    await drive(ev, clock, T0, T0 + 13 * MIN);
    expect(got).toEqual([]);
    expect(state.alertEvents.undelivered().length).toBe(1);
    fail = false;
    clock.now += MIN;
    await ev.tick();
    // The held-back firing of .1 first, then what this pass raised (.2 after its pending minute).
    expect(got.map((t) => t.groupKey)).toEqual(['198.51.100.1', '198.51.100.2']);
    expect(state.alertEvents.undelivered()).toEqual([]);
  });

  it('resolves the alerts of a rule that is disabled or deleted', async () => {
    const rule = state.alertRules.create(alertRuleInputSchema.parse(sshRule), 'test');
    const sink = new CollectingSink();
    const clock = { now: T0 };
    const ev = evaluator(sink, clock);
    await drive(ev, clock, T0, T0 + 13 * MIN);
    expect(state.alertEvents.list({ state: 'firing', limit: 10 }).events).toHaveLength(1);
    state.alertRules.delete(rule.id, 'test');
    await ev.tick();
    expect(state.alertEvents.list({ state: 'firing', limit: 10 }).events).toHaveLength(0);
    expect(sink.delivered.at(-1)).toMatchObject({ state: 'resolved', groupKey: '198.51.100.1' });
  });

  it('records a rule it cannot evaluate instead of failing the others', async () => {
    const broken = state.alertRules.create(alertRuleInputSchema.parse({ ...sshRule, name: 'gone', condition: { ...sshRule.condition, logGroups: ['missing'] } }), 'test');
    state.alertRules.create(alertRuleInputSchema.parse(sshRule), 'test');
    const sink = new CollectingSink();
    const clock = { now: T0 };
    const ev = evaluator(sink, clock);
    await drive(ev, clock, T0, T0 + 13 * MIN);
    expect(sink.delivered).toHaveLength(1);
    expect(state.alertEvents.ruleState(broken.id)?.lastError).toContain('unknown log group: missing');
  });
});
