import type { AlertRule, AlertRuleInput, LogGroup } from '../../contract/index.ts';
import type { FeatureHandlers, RequestContext } from '../http/handlers.ts';
import { HttpError } from '../http/http-error.ts';
import { anomalyHorizon, type AnomalyLookup } from '../services/alerts/anomaly-series.ts';
import { runBacktest } from '../services/alerts/backtest.ts';
import { checkRule } from '../services/alerts/validate.ts';
import type { SilenceRule } from '../services/notify/silence-match.ts';
import type { AlertEvents } from '../state/alert-events.ts';
import { RuleVersionConflict, type AlertRules } from '../state/alert-rules.ts';
import type { SearchableStore } from '../storage/ports.ts';

export interface AlertRuleDeps {
  store: SearchableStore;
  rules: AlertRules;
  events: AlertEvents;
  minEverySeconds: number;
  now: () => number;
  /** Silences (also past ones) the backtest's notification plan applies. */
  silences?: () => readonly SilenceRule[];
  /** The anomaly detector, replayed by backtests of anomaly rules. */
  anomalies?: AnomalyLookup | null;
}

const DAY_MS = 86_400_000;
const MAX_BACKTEST_DAYS = 90;

/** The version named by If-Match (`"<id>.v<n>"`, weak or not); 400 when missing or not ours. */
function expectedVersion(ctx: RequestContext, id: string): number {
  const header = ctx.headers.get('if-match');
  const match = header ? /^(?:W\/)?"([^"]+)\.v(\d+)"$/.exec(header.trim()) : null;
  if (!header || !match || match[1] !== id) {
    throw new HttpError('validation_failed', 'If-Match must carry the ETag of the rule version being edited', {
      issues: [{ path: 'headers.If-Match', message: header ? 'not an ETag of this rule' : 'required' }],
    });
  }
  return Number(match[2]);
}

function conflict(error: unknown): never {
  if (error instanceof RuleVersionConflict) {
    const { current } = error;
    throw new HttpError('conflict', error.message, {
      version: current.version,
      etag: current.etag,
      updatedBy: current.updatedBy,
      updatedAt: current.updatedAt,
    });
  }
  throw error;
}

export function alertRuleRoutes(deps: AlertRuleDeps): FeatureHandlers<
  'listAlertRules' | 'createAlertRule' | 'getAlertRule' | 'updateAlertRule' | 'deleteAlertRule' | 'backtestAlertRule'
> {
  const groups = (): Promise<LogGroup[]> => deps.store.logs.listGroups();
  const validate = async (rule: AlertRuleInput, prefix = 'body') => checkRule(rule, deps.minEverySeconds, await groups(), prefix);
  const uniqueName = (rule: AlertRuleInput, id: string | null) => {
    const same = deps.rules.findByName(rule.name);
    if (same && same.id !== id) {
      throw new HttpError('validation_failed', `a rule named "${rule.name}" exists already`, { issues: [{ path: 'body.name', message: 'already used by another rule' }] });
    }
  };
  const find = (id: string): AlertRule => {
    const rule = deps.rules.get(id);
    if (!rule) throw new HttpError('not_found', `no alert rule ${id}`);
    return rule;
  };
  const by = (ctx: RequestContext) => ctx.principal?.name ?? 'unknown';

  return {
    listAlertRules: async () => {
      const rules = deps.rules.list().map((rule) => {
        const state = deps.events.ruleState(rule.id);
        const groupsNow = Object.values(state?.state.groups ?? {});
        return {
          ...rule,
          firing: groupsNow.filter((g) => g.phase === 'firing').length,
          pending: groupsNow.filter((g) => g.phase === 'pending').length,
          lastEvaluatedAt: state?.evaluatedTo ?? null,
          lastError: state?.lastError ?? null,
        };
      });
      return { rules, minEverySeconds: deps.minEverySeconds };
    },
    getAlertRule: async ({ params }) => find(params.id),
    createAlertRule: async ({ body }, ctx) => {
      await validate(body);
      uniqueName(body, null);
      const created = deps.rules.create(body, by(ctx));
      ctx.audit({ action: 'createAlertRule', resource: { type: 'alertRule', id: created.id, name: created.name }, code: 201, request: { after: created } });
      return created;
    },
    updateAlertRule: async ({ params, body }, ctx) => {
      const before = find(params.id);
      const version = expectedVersion(ctx, params.id);
      await validate(body);
      uniqueName(body, params.id);
      let after: AlertRule | null;
      try {
        after = deps.rules.update(params.id, body, by(ctx), version);
      } catch (error) {
        ctx.audit({ action: 'updateAlertRule', resource: { type: 'alertRule', id: before.id, name: before.name }, code: 409, message: error instanceof Error ? error.message : undefined });
        return conflict(error);
      }
      if (!after) throw new HttpError('not_found', `no alert rule ${params.id}`);
      ctx.audit({ action: 'updateAlertRule', resource: { type: 'alertRule', id: after.id, name: after.name }, code: 200, request: { before, after } });
      return after;
    },
    deleteAlertRule: async ({ params }, ctx) => {
      const header = ctx.headers.get('if-match');
      let before: AlertRule | null;
      try {
        before = deps.rules.delete(params.id, by(ctx), header ? expectedVersion(ctx, params.id) : null);
      } catch (error) {
        return conflict(error);
      }
      if (!before) throw new HttpError('not_found', `no alert rule ${params.id}`);
      ctx.audit({ action: 'deleteAlertRule', resource: { type: 'alertRule', id: before.id, name: before.name }, code: 200, request: { before } });
      return before;
    },
    backtestAlertRule: async ({ body }, ctx) => {
      const scope = await validate(body.rule, 'body.rule');
      if (body.from >= body.to) {
        throw new HttpError('validation_failed', 'from must be before to', { issues: [{ path: 'body.from', message: 'must be before to' }] });
      }
      if (body.to - body.from > MAX_BACKTEST_DAYS * DAY_MS) {
        throw new HttpError('validation_failed', `a backtest may span at most ${MAX_BACKTEST_DAYS} days`, { issues: [{ path: 'body.from', message: `at most ${MAX_BACKTEST_DAYS} days before to` }] });
      }
      const now = deps.now();
      // Anomaly rules end where the detector has judged (complete buckets), as the evaluator does.
      const to = Math.min(body.to, body.rule.condition.type === 'anomaly' ? anomalyHorizon(body.rule.condition.kind, now) : now);
      return runBacktest(deps.store, body.rule, scope, { from: body.from, to: Math.max(to, body.from + 1) }, deps.silences?.() ?? [], ctx.signal, deps.anomalies);
    },
  };
}
