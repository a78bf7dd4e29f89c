import { z } from 'zod';
import { epochMs, timeInput } from './common.ts';
import { anomalyKindSchema } from './anomalies.ts';

/** Bounds of alert rules; the BFF enforces them, the editor shows them. */
export const ALERT_LIMITS = {
  /** Default shortest schedule; VIGIL_ALERT_MIN_INTERVAL_SECONDS may lower it to 10 s. */
  defaultMinEverySeconds: 60,
  absoluteMinEverySeconds: 10,
  maxEverySeconds: 86_400,
  /** A window holds at most this many evaluation steps (window / every). */
  maxWindowSteps: 1_440,
  maxPendingSeconds: 86_400,
  maxRecoveryEvaluations: 100,
  maxGroups: 500,
  maxQueryLength: 2_000,
  maxListItems: 50,
  /** Longest backtest range, days (the retention of the longest-lived streams). */
  maxBacktestDays: 90,
  /** The noise budget: a backtest warns above this many fires per day. */
  noiseFiresPerDay: 10,
} as const;

export const ALERT_SEVERITIES = ['critical', 'major', 'minor', 'info'] as const;
export const COMPARE_OPS = ['>', '>=', '<', '<='] as const;
export const TRACE_RATINGS_FOR_RULES = ['normal', 'warning', 'incident'] as const;

const text = (max: number) => z.string().max(max);
const nameList = z.array(z.string().trim().min(1).max(128)).max(ALERT_LIMITS.maxListItems);
const labelName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'letters, digits and _, starting with a letter or _');
const fieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'a label or parsed field name');

/** Where log-based rules look: log groups and streams by name (empty: every stream). */
const logScope = {
  query: text(ALERT_LIMITS.maxQueryLength),
  logGroups: nameList.default([]),
  /** Stream names within those groups (empty: all of their streams). */
  logStreams: nameList.default([]),
  windowSeconds: z.number().int().min(10).max(7 * 86_400),
};

export const queryConditionSchema = z.strictObject({
  type: z.literal('query'),
  ...logScope,
  op: z.enum(COMPARE_OPS),
  threshold: z.number().finite().min(0).max(1e12),
  /** A label or parsed field to count per value; `ip` also reads the first IP address in the line. */
  groupBy: fieldName.nullable().default(null),
  maxGroups: z.number().int().min(1).max(ALERT_LIMITS.maxGroups).default(100),
});

export const ratioConditionSchema = z.strictObject({
  type: z.literal('ratio'),
  ...logScope,
  /** What the matching lines are counted against, usually every line (empty query). */
  totalQuery: text(ALERT_LIMITS.maxQueryLength).default(''),
  op: z.enum(COMPARE_OPS),
  /** Percent, 0–100. */
  thresholdPercent: z.number().finite().min(0).max(100),
  /**
   * Below this many lines in the window the ratio is not judged. Above it, the share is judged by
   * its 95 % confidence bound (lower for > and >=, upper for < and <=), so chance does not fire it.
   */
  minVolume: z.number().int().min(1).max(1e9),
});

export const absenceConditionSchema = z.strictObject({
  type: z.literal('absence'),
  ...logScope,
});

export const auditConditionSchema = z.strictObject({
  type: z.literal('audit'),
  windowSeconds: z.number().int().min(10).max(7 * 86_400),
  traceNames: nameList.default([]),
  serviceTypes: nameList.default([]),
  resourceTypes: nameList.default([]),
  ratings: z.array(z.enum(TRACE_RATINGS_FOR_RULES)).max(3).default([]),
  users: nameList.default([]),
  sourceIps: nameList.default([]),
  /** Not from these IPv4 addresses or networks (known offices, VPN); with it, only IPv4 sources count. */
  excludeSourceIps: nameList.default([]),
  /** Only operations that succeeded (2xx), e.g. a created rule rather than a refused attempt. */
  succeededOnly: z.boolean().default(false),
  /** Only at these UTC hours, [fromHour, toHour) wrapping at midnight; null: at any time. */
  hoursUtc: z.strictObject({ from: z.number().int().min(0).max(23), to: z.number().int().min(0).max(24) }).nullable().default(null),
  op: z.enum(COMPARE_OPS).default('>='),
  threshold: z.number().finite().min(0).max(1e12).default(1),
});

/**
 * An anomaly of a kind (and optionally one subject) scoring at least `minScore`, from the anomaly
 * detector. Each subject alerts on its own; empty subject fields mean any. Log kinds name a
 * stream (group, stream), audit kinds a user or (audit_volume) a service.
 */
export const anomalyConditionSchema = z.strictObject({
  type: z.literal('anomaly'),
  kind: anomalyKindSchema,
  group: z.string().trim().max(64).default(''),
  stream: z.string().trim().max(64).default(''),
  user: z.string().trim().max(256).default(''),
  service: z.string().trim().max(64).default(''),
  minScore: z.number().int().min(1).max(100).default(80),
  /** An anomaly counts while it overlaps the window; at least the detector's bucket (5 min for logs, 1 h for audit). */
  windowSeconds: z.number().int().min(10).max(7 * 86_400),
});

export const alertConditionSchema = z.discriminatedUnion('type', [
  queryConditionSchema,
  ratioConditionSchema,
  absenceConditionSchema,
  auditConditionSchema,
  anomalyConditionSchema,
]);
export type AlertCondition = z.infer<typeof alertConditionSchema>;
export type AlertConditionType = AlertCondition['type'];

export const notifyPolicySchema = z.strictObject({
  groupBy: z.array(labelName).max(16).default([]),
  groupWaitSeconds: z.number().int().min(0).max(3_600).default(30),
  groupIntervalSeconds: z.number().int().min(0).max(86_400).default(300),
  repeatIntervalSeconds: z.number().int().min(60).max(7 * 86_400).default(14_400),
});
export type NotifyPolicy = z.infer<typeof notifyPolicySchema>;

/** What an admin writes: everything but id, version and the who/when of changes. */
export const alertRuleInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'a name is required').max(120),
  description: text(2_000).default(''),
  enabled: z.boolean().default(true),
  severity: z.enum(ALERT_SEVERITIES),
  labels: z.record(labelName, z.string().max(256)).default({}),
  everySeconds: z.number().int().min(ALERT_LIMITS.absoluteMinEverySeconds).max(ALERT_LIMITS.maxEverySeconds).default(60),
  /** The condition must hold this long before the alert fires ("for 5 minutes"). */
  pendingSeconds: z.number().int().min(0).max(ALERT_LIMITS.maxPendingSeconds).default(0),
  /** Resolved after this many clean evaluations in a row. */
  recoveryEvaluations: z.number().int().min(1).max(ALERT_LIMITS.maxRecoveryEvaluations).default(1),
  condition: alertConditionSchema,
  channelIds: z.array(z.string().min(1).max(64)).max(20).default([]),
  notify: notifyPolicySchema.default({ groupBy: [], groupWaitSeconds: 30, groupIntervalSeconds: 300, repeatIntervalSeconds: 14_400 }),
});
export type AlertRuleInput = z.infer<typeof alertRuleInputSchema>;
export type AlertRuleInputRaw = z.input<typeof alertRuleInputSchema>;

export const alertRuleSchema = alertRuleInputSchema.extend({
  id: z.string(),
  version: z.number().int().positive(),
  /** The version as an HTTP entity tag: send it back in If-Match when saving. */
  etag: z.string(),
  createdAt: epochMs,
  createdBy: z.string(),
  updatedAt: epochMs,
  updatedBy: z.string(),
});
export type AlertRule = z.infer<typeof alertRuleSchema>;

export const alertRuleListSchema = z.object({
  rules: z.array(alertRuleSchema.extend({
    /** Groups firing or pending now, from the evaluator. */
    firing: z.number().int().nonnegative(),
    pending: z.number().int().nonnegative(),
    lastEvaluatedAt: epochMs.nullable(),
    lastError: z.string().nullable(),
  })),
  /** The shortest schedule this server accepts. */
  minEverySeconds: z.number().int().positive(),
});
export type AlertRuleList = z.infer<typeof alertRuleListSchema>;

export const alertRuleIdParamsSchema = z.strictObject({ id: z.string().min(1).max(64) });

/** A rule saved or not: the shape GET returns; id, version and who/when are ignored. */
export const backtestRequestSchema = z.strictObject({
  rule: z.looseObject({}).transform((value, ctx) => {
    const { id: _id, version: _v, etag: _e, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, firing: _f, pending: _p, lastEvaluatedAt: _l, lastError: _le, ...rest } = value;
    const parsed = alertRuleInputSchema.safeParse(rest);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }),
  from: timeInput,
  to: timeInput,
});

export const backtestInstanceSchema = z.object({
  group: z.record(z.string(), z.string()),
  groupKey: z.string(),
  start: epochMs,
  /** null: still firing at the end of the range. */
  end: epochMs.nullable(),
  peak: z.number(),
  /** Search or Audit trail at that moment, narrowed to the group. */
  evidencePath: z.string(),
});
export type BacktestInstance = z.infer<typeof backtestInstanceSchema>;

export const backtestSchema = z.object({
  from: epochMs,
  to: epochMs,
  stepMs: z.number().int().positive(),
  instances: z.array(backtestInstanceSchema),
  /** The watched value per step (the group with the highest value at that step). */
  series: z.object({ times: z.array(epochMs), values: z.array(z.number().nullable()) }),
  threshold: z.number().nullable(),
  op: z.enum(COMPARE_OPS),
  firesPerDay: z.array(z.object({ day: epochMs, fires: z.number().int().nonnegative() })),
  totalFiringMs: z.number().int().nonnegative(),
  /** Instances that fired again within three steps of resolving. */
  flapping: z.number().int().nonnegative(),
  noiseWarning: z.string().nullable(),
  /** Notifications after grouping, repeat interval and silences; null until notification planning is available. */
  notifications: z.number().int().nonnegative().nullable(),
  notificationsNote: z.string().nullable(),
  /** Groups beyond the rule's cap that were left out; 0 when none. */
  groupsCut: z.number().int().nonnegative(),
  complete: z.boolean(),
  /** Why the result is incomplete (a scan bound, a range older than the data). */
  incompleteReason: z.string().nullable(),
  evidencePath: z.string(),
});
export type Backtest = z.infer<typeof backtestSchema>;
