/**
 * The "flight simulator": a rule replayed over history with the evaluator's own state machine
 * (model.ts) over the same bucketed counts (series.ts), so what it shows is what the evaluator
 * would have done. One pass: the counts are read once, then every step is a sliding-window update.
 */
import { ALERT_LIMITS, type AlertRuleInput, type Backtest, type BacktestInstance } from '../../../contract/index.ts';
import type { SearchableStore } from '../../storage/ports.ts';
import { planNotifications } from '../notify/model.ts';
import type { SilenceRule } from '../notify/silence-match.ts';
import { runSteps, stepTimes, type RuleState, type StepTransition } from './model.ts';
import type { AnomalyLookup } from './anomaly-series.ts';
import { evidencePath, groupLabels, summaryOf } from './rule-facts.ts';
import { loadSeries, modelSpec, type ResolvedScope } from './series.ts';
import type { AlertTransition } from './transition.ts';

const DAY_MS = 86_400_000;
/** Chart points; the watched value is reduced by maximum so that peaks survive. */
const MAX_POINTS = 1_500;
/** A group that fires again within this many steps of resolving is flapping. */
const FLAP_STEPS = 3;
const MAX_PLANNED = 5_000;

export interface Simulation {
  transitions: StepTransition[];
  times: number[];
  watched: (number | null)[];
  groupsCut: number;
  incompleteReason: string | null;
}

/** Evaluations at every step in (from, to] from a clean state; from/to on the rule's step grid. */
export async function simulate(
  store: SearchableStore,
  rule: AlertRuleInput,
  scope: ResolvedScope | null,
  from: number,
  to: number,
  signal?: AbortSignal,
  anomalies?: AnomalyLookup | null,
): Promise<Simulation> {
  const spec = modelSpec(rule);
  const times = stepTimes(from, to, spec.stepMs);
  if (times.length === 0) return { transitions: [], times, watched: [], groupsCut: 0, incompleteReason: null };
  const dataFrom = times[0]! - spec.windowSteps * spec.stepMs;
  const data = await loadSeries(store, rule, scope, dataFrom, to, { signal, anomalies });
  const state: RuleState = { groups: {} };
  const { transitions, watched } = runSteps(spec, data, state, times);
  return { transitions, times, watched, groupsCut: data.groupsCut, incompleteReason: data.incompleteReason };
}

export function instancesOf(rule: AlertRuleInput, transitions: readonly StepTransition[]): BacktestInstance[] {
  const open = new Map<string, BacktestInstance>();
  const done: BacktestInstance[] = [];
  for (const t of transitions) {
    if (t.state === 'firing') {
      const instance: BacktestInstance = { group: groupLabels(rule, t.groupKey), groupKey: t.groupKey, start: t.at, end: null, peak: t.peak, evidencePath: '' };
      open.set(t.groupKey, instance);
      done.push(instance);
    } else {
      const instance = open.get(t.groupKey);
      if (instance) {
        instance.end = t.at;
        instance.peak = Math.max(instance.peak, t.peak);
        open.delete(t.groupKey);
      }
    }
  }
  const windowMs = rule.condition.windowSeconds * 1000;
  for (const instance of done) instance.evidencePath = evidencePath(rule, instance.groupKey, instance.start - windowMs, (instance.end ?? instance.start) + windowMs);
  return done;
}

/** The simulated transitions as the evaluator would hand them to notification delivery. */
export function simulatedTransitions(rule: AlertRuleInput, transitions: readonly StepTransition[]): AlertTransition[] {
  const spec = modelSpec(rule);
  const firedAt = new Map<string, number>();
  return transitions.map((t) => {
    if (t.state === 'firing') firedAt.set(t.groupKey, t.at);
    const startsAt = firedAt.get(t.groupKey) ?? t.firedAt;
    return {
      eventId: `backtest:${t.groupKey}:${startsAt}`,
      ruleId: 'backtest',
      ruleName: rule.name,
      ruleVersion: 1,
      severity: rule.severity,
      labels: { ...rule.labels, ...groupLabels(rule, t.groupKey) },
      groupKey: t.groupKey,
      state: t.state,
      startsAt,
      endsAt: t.state === 'resolved' ? t.at : null,
      value: t.value,
      threshold: spec.threshold,
      summary: summaryOf(rule, t.groupKey, t.value, spec.threshold, spec.op),
      description: rule.description,
      evidencePath: '',
      channelIds: rule.channelIds,
    };
  });
}

export async function runBacktest(
  store: SearchableStore,
  rule: AlertRuleInput,
  scope: ResolvedScope | null,
  range: { from: number; to: number },
  silences: readonly SilenceRule[] = [],
  signal?: AbortSignal,
  anomalies?: AnomalyLookup | null,
): Promise<Backtest> {
  const stepMs = rule.everySeconds * 1000;
  const from = Math.floor(range.from / stepMs) * stepMs;
  const to = Math.floor(range.to / stepMs) * stepMs;
  const sim = await simulate(store, rule, scope, from, to, signal, anomalies);
  const instances = instancesOf(rule, sim.transitions);
  const spec = modelSpec(rule);

  const fires = new Map<number, number>();
  for (let day = Math.floor(from / DAY_MS) * DAY_MS; day < to; day += DAY_MS) fires.set(day, 0);
  for (const instance of instances) {
    const day = Math.floor(instance.start / DAY_MS) * DAY_MS;
    fires.set(day, (fires.get(day) ?? 0) + 1);
  }
  const firesPerDay = [...fires].map(([day, count]) => ({ day, fires: count }));
  const busiest = Math.max(0, ...firesPerDay.map((d) => d.fires));
  const totalFiringMs = instances.reduce((sum, i) => sum + ((i.end ?? to) - i.start), 0);

  let flapping = 0;
  const lastEnd = new Map<string, number>();
  for (const instance of instances) {
    const end = lastEnd.get(instance.groupKey);
    if (end !== undefined && instance.start - end <= FLAP_STEPS * stepMs) flapping++;
    if (instance.end !== null) lastEnd.set(instance.groupKey, instance.end);
  }

  const budget = ALERT_LIMITS.noiseFiresPerDay;
  const noiseWarning =
    busiest > budget
      ? `fires up to ${busiest} times a day (budget ${budget}): raise the threshold, lengthen the window or add a pending period`
      : flapping > 0 && flapping * 2 >= instances.length
        ? `${flapping} of ${instances.length} alerts fire again within ${FLAP_STEPS} evaluations of resolving (flapping): add recovery evaluations`
        : null;

  const plan = planNotifications(simulatedTransitions(rule, sim.transitions), rule.notify, silences, { until: to, maxNotifications: MAX_PLANNED });
  const planned = plan.filter((n) => n.alerts.length > 0);
  const silenced = plan.filter((n) => n.silencedBy !== null).length;
  const series = downsample(sim.times, sim.watched);
  const windowMs = rule.condition.windowSeconds * 1000;
  return {
    from,
    to,
    stepMs: series.stepMs || stepMs,
    instances,
    series: { times: series.times, values: series.values },
    threshold: spec.threshold,
    op: spec.op,
    firesPerDay,
    totalFiringMs,
    flapping,
    noiseWarning,
    notifications: planned.length,
    notificationsNote:
      planned.length >= MAX_PLANNED
        ? `at least ${MAX_PLANNED} notifications (planning stopped there)`
        : `after grouping by ${rule.notify.groupBy.length ? rule.notify.groupBy.join(', ') : 'rule'}, repeat every ${Math.round(rule.notify.repeatIntervalSeconds / 60)} min${silenced > 0 ? `; ${silenced} held back by silences` : ''}`,
    groupsCut: sim.groupsCut,
    complete: sim.incompleteReason === null,
    incompleteReason: sim.incompleteReason,
    evidencePath: evidencePath(rule, '', from - windowMs, to),
  };
}

function downsample(times: readonly number[], values: readonly (number | null)[]): { times: number[]; values: (number | null)[]; stepMs: number } {
  const per = Math.max(1, Math.ceil(times.length / MAX_POINTS));
  const outTimes: number[] = [];
  const outValues: (number | null)[] = [];
  for (let i = 0; i < times.length; i += per) {
    let max: number | null = null;
    for (let j = i; j < Math.min(times.length, i + per); j++) {
      const v = values[j] ?? null;
      if (v !== null && (max === null || v > max)) max = v;
    }
    outTimes.push(times[i]!);
    outValues.push(max);
  }
  const stepMs = times.length > 1 ? (times[1]! - times[0]!) * per : 0;
  return { times: outTimes, values: outValues, stepMs };
}
