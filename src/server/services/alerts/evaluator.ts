/**
 * The one alert evaluator of a BFF process. Every few seconds it evaluates each enabled rule whose
 * next step is due, from where it stopped (so a restart resumes, catching up on missed steps up to
 * a bound), with the same state machine and bucketed counts as the backtest. Each evaluation is
 * committed in one state.db transaction (rule position, group states, events, history, outbox);
 * the outbox is then handed to the sink, so a crash never loses or repeats a transition's effect.
 */
import { randomUUID } from 'node:crypto';
import type { AlertEvent, AlertRule, AlertRuleInput } from '../../../contract/index.ts';
import { describeError, type Logger } from '../../logger.ts';
import type { AlertEvents, EvaluationCommit } from '../../state/alert-events.ts';
import type { AlertRules } from '../../state/alert-rules.ts';
import type { SearchableStore } from '../../storage/ports.ts';
import { anomalyHorizon, type AnomalyLookup } from './anomaly-series.ts';
import { runSteps, stepTimes, type RuleState } from './model.ts';
import { evidencePath, groupLabels, summaryOf } from './rule-facts.ts';
import { loadSeries, modelSpec, resolveScope } from './series.ts';
import type { AlertTransition, AlertTransitionSink } from './transition.ts';

/** After a long stop, at most this many missed steps per rule are evaluated (older ones are skipped). */
export const MAX_CATCH_UP_STEPS = 1_440;

export interface EvaluatorDeps {
  store: SearchableStore;
  rules: AlertRules;
  events: AlertEvents;
  sink: AlertTransitionSink;
  logger: Logger;
  /** The anomaly detector, for anomaly rules (without it they report an error and do not evaluate). */
  anomalies?: AnomalyLookup | null;
  now?: () => number;
  /** How often due rules are looked for (ms). */
  tickMs?: number;
}

export class AlertEvaluator {
  readonly #deps: EvaluatorDeps;
  readonly #now: () => number;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;

  constructor(deps: EvaluatorDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  start(): void {
    const tick = () => {
      this.#timer = setTimeout(() => {
        void this.tick().finally(() => {
          if (this.#timer !== null) tick();
        });
      }, this.#deps.tickMs ?? 5_000);
      this.#timer.unref();
    };
    tick();
  }

  async stop(): Promise<void> {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** One pass over all rules; never runs twice at once. */
  tick(): Promise<void> {
    if (this.#running) return this.#running;
    this.#running = this.#pass().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #pass(): Promise<void> {
    const now = this.#now();
    const rules = this.#deps.rules.list();
    const known = new Set(rules.map((rule) => rule.id));
    for (const rule of rules) {
      try {
        if (rule.enabled) await this.evaluate(rule, now);
        else this.#closeAll(rule.id, rule, now, 'rule disabled');
      } catch (error) {
        this.#deps.logger.warn('alert rule evaluation failed', { ruleId: rule.id, ...describeError(error) });
        this.#recordError(rule, error instanceof Error ? error.message : String(error), now);
      }
    }
    // Rules deleted while firing: their alerts resolve.
    for (const firing of this.#deps.events.list({ state: 'firing', limit: 500 }).events) {
      if (!known.has(firing.ruleId)) this.#closeAll(firing.ruleId, null, now, 'rule deleted');
    }
    await this.flush();
  }

  /** Evaluates the steps of `rule` due by `now` that were not evaluated yet. */
  async evaluate(rule: AlertRule, now: number): Promise<void> {
    const spec = modelSpec(rule);
    // Anomaly rules wait for the detector, which judges complete buckets only.
    const judged = rule.condition.type === 'anomaly' ? anomalyHorizon(rule.condition.kind, now) : now;
    let upTo = Math.floor(judged / spec.stepMs) * spec.stepMs;
    const stored = this.#deps.events.ruleState(rule.id);
    const after = stored ? Math.max(stored.evaluatedTo, upTo - MAX_CATCH_UP_STEPS * spec.stepMs) : upTo - spec.stepMs;
    let times = stepTimes(after, upTo, spec.stepMs);
    if (times.length === 0) return;
    const scope = resolveScope(rule, await this.#deps.store.logs.listGroups());
    const data = await loadSeries(this.#deps.store, rule, scope, times[0]! - spec.windowSteps * spec.stepMs, upTo, {
      anomalies: this.#deps.anomalies,
      priority: 'background',
    });
    if (data.judgedUntil !== undefined && data.judgedUntil < upTo) {
      // A detector pass older than the horizon: evaluate what it judged, the rest next time.
      times = times.filter((t) => t <= data.judgedUntil!);
      if (times.length === 0) return;
      upTo = times.at(-1)!;
    }
    const state: RuleState = stored?.state ?? { groups: {} };
    const { transitions } = runSteps(spec, data, state, times);

    const commit: EvaluationCommit = { ruleId: rule.id, evaluatedTo: upTo, state, lastError: data.judgedUntil !== undefined ? null : data.incompleteReason, opened: [], updated: [], history: [], transitions: [] };
    for (const t of transitions) {
      if (t.state === 'firing') {
        const id = randomUUID();
        const group = state.groups[t.groupKey];
        if (group) group.eventId = id;
        const event = this.#event(rule, id, t.groupKey, t.at, t.value, t.peak, spec.threshold, spec.op);
        commit.opened.push(event);
        commit.history.push({ eventId: id, time: t.at, state: 'firing', value: t.value });
        commit.transitions.push(transitionOf(rule, event));
        // Fired and resolved within this catch-up: the event is closed in the same commit.
        continue;
      }
      const id = t.eventId ?? commit.opened.find((e) => e.groupKey === t.groupKey && e.state === 'firing')?.id;
      if (!id) continue;
      const opened = commit.opened.find((e) => e.id === id);
      if (opened) Object.assign(opened, { state: 'resolved', endsAt: t.at, value: t.value, peak: t.peak });
      else commit.updated.push({ id, state: 'resolved', endsAt: t.at, value: t.value, peak: t.peak });
      commit.history.push({ eventId: id, time: t.at, state: 'resolved', value: t.value });
      const event = opened ?? this.#deps.events.get(id);
      if (event) commit.transitions.push(transitionOf(rule, { ...event, state: 'resolved', endsAt: t.at, value: t.value, peak: t.peak }));
    }
    for (const group of Object.values(state.groups)) {
      if (group.phase === 'firing' && group.eventId && !commit.opened.some((e) => e.id === group.eventId)) {
        commit.updated.push({ id: group.eventId, state: 'firing', endsAt: null, value: group.value, peak: group.peak });
      }
    }
    this.#deps.events.commit(commit);
  }

  #event(rule: AlertRule, id: string, groupKey: string, at: number, value: number, peak: number, threshold: number, op: string): AlertEvent {
    const windowMs = rule.condition.windowSeconds * 1000;
    return {
      id,
      ruleId: rule.id,
      ruleName: rule.name,
      ruleVersion: rule.version,
      severity: rule.severity,
      labels: { ...rule.labels, ...groupLabels(rule, groupKey) },
      groupKey,
      state: 'firing',
      startsAt: at,
      endsAt: null,
      value,
      peak,
      threshold: rule.condition.type === 'absence' ? null : threshold,
      summary: summaryOf(rule, groupKey, value, threshold, op),
      evidencePath: evidencePath(rule, groupKey, at - windowMs, at),
      ack: null,
    };
  }

  /** Resolves every firing event of a rule now (disabled or deleted) and forgets its state. */
  #closeAll(ruleId: string, rule: AlertRuleInput | null, now: number, why: string): void {
    const firing = this.#deps.events.list({ state: 'firing', ruleId, limit: 500 }).events;
    if (firing.length === 0 && !this.#deps.events.ruleState(ruleId)) return;
    const commit: EvaluationCommit = { ruleId, evaluatedTo: now, state: { groups: {} }, lastError: why, opened: [], updated: [], history: [], transitions: [] };
    for (const event of firing) {
      commit.updated.push({ id: event.id, state: 'resolved', endsAt: now, value: event.value, peak: event.peak });
      commit.history.push({ eventId: event.id, time: now, state: 'resolved', value: event.value });
      commit.transitions.push(transitionOf(rule ?? null, { ...event, state: 'resolved', endsAt: now }));
    }
    this.#deps.events.commit(commit);
    this.#deps.events.forgetRuleState(ruleId);
  }

  /** Keeps the position (the failed steps are tried again) and says what went wrong, for the rules list. */
  #recordError(rule: AlertRule, message: string, now: number): void {
    const stored = this.#deps.events.ruleState(rule.id);
    const stepMs = rule.everySeconds * 1000;
    const evaluatedTo = stored?.evaluatedTo ?? Math.floor(now / stepMs) * stepMs - stepMs;
    this.#deps.events.commit({ ruleId: rule.id, evaluatedTo, state: stored?.state ?? { groups: {} }, lastError: message, opened: [], updated: [], history: [], transitions: [] });
  }

  /** Hands committed transitions to the sink; those it accepted are marked, the rest retried next pass. */
  async flush(): Promise<void> {
    for (;;) {
      const batch = this.#deps.events.undelivered();
      if (batch.length === 0) return;
      try {
        await this.#deps.sink.deliver(batch.map((entry) => entry.transition));
      } catch (error) {
        this.#deps.logger.warn('alert transitions not handed over; retrying on the next pass', describeError(error));
        return;
      }
      this.#deps.events.markDelivered(batch.map((entry) => entry.seq));
    }
  }
}

function transitionOf(rule: AlertRuleInput | null, event: AlertEvent): AlertTransition {
  return {
    eventId: event.id,
    ruleId: event.ruleId,
    ruleName: event.ruleName,
    ruleVersion: event.ruleVersion,
    severity: event.severity,
    labels: event.labels,
    groupKey: event.groupKey,
    state: event.state,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    value: event.value,
    threshold: event.threshold,
    summary: event.summary,
    description: rule?.description ?? '',
    evidencePath: event.evidencePath,
    channelIds: rule?.channelIds ?? [],
  };
}
