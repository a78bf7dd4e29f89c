import { z } from 'zod';
import { epochMs, timeInput } from './common.ts';
import { notificationStatuses } from './notifications.ts';

export const FRAMEWORK_IDS = ['iso27001', 'c5', 'gdpr'] as const;
export const frameworkId = z.enum(FRAMEWORK_IDS);
export type FrameworkId = z.infer<typeof frameworkId>;

export const CHECK_IDS = ['retention', 'audit-coverage', 'integrity', 'privileged-access', 'monitoring', 'incident-handling', 'clock', 'read-accountability'] as const;
export const checkId = z.enum(CHECK_IDS);
export type CheckId = z.infer<typeof checkId>;

export const CHECK_STATUSES = ['pass', 'warn', 'fail', 'not_evaluable'] as const;
export const checkStatus = z.enum(CHECK_STATUSES);
export type CheckStatus = z.infer<typeof checkStatus>;

/** Where an evidence item leads: a CTS trace, a record of Vigil's audit trail, a log group or an API token. */
export const evidenceLink = z.object({ kind: z.enum(['trace', 'audit', 'logGroup', 'token']), id: z.string().max(256) });

/** One fact behind a check, in plain words; personal data is already masked for managers. */
export const evidenceItem = z.object({
  label: z.string().max(200),
  value: z.string().max(2000),
  status: checkStatus.nullable(),
  time: epochMs.nullable(),
  link: evidenceLink.nullable(),
});
export type EvidenceItem = z.infer<typeof evidenceItem>;

export const checkResultSchema = z.object({
  id: checkId,
  title: z.string(),
  status: checkStatus,
  summary: z.string(),
  /** When the current failing or warning state began, as far as the evidence or the snapshots tell; null when passing. */
  since: epochMs.nullable(),
  evaluatedAt: epochMs,
  evidence: z.array(evidenceItem),
  /** Set when the evidence list was cut to its bound. */
  evidenceTruncated: z.boolean(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const controlSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Public text the identifier and title were checked against. */
  source: z.string().url(),
  checks: z.array(checkId),
});
export type Control = z.infer<typeof controlSchema>;

export const frameworkSchema = z.object({
  id: frameworkId,
  name: z.string(),
  version: z.string(),
  controls: z.array(controlSchema),
});
export type Framework = z.infer<typeof frameworkSchema>;

export const frameworkListSchema = z.object({
  frameworks: z.array(frameworkSchema),
  /** How the score is computed, in words. */
  scoring: z.string(),
});

export const controlStatusSchema = controlSchema.extend({ status: checkStatus, since: epochMs.nullable() });
export type ControlStatus = z.infer<typeof controlStatusSchema>;

export const complianceStatusQuery = z.strictObject({
  framework: frameworkId,
  /** A past day: the stored daily snapshot is returned (statuses and summaries, no live evidence). */
  at: timeInput.optional(),
});

export const complianceStatusSchema = z.object({
  framework: frameworkSchema.pick({ id: true, name: true, version: true }),
  /** live: evaluated now; snapshot: read from the daily snapshot of `at`'s day. */
  source: z.enum(['live', 'snapshot']),
  evaluatedAt: epochMs,
  /** Share of evaluable controls that pass (warn counts half), 0..100; null when nothing was evaluable. */
  score: z.number().min(0).max(100).nullable(),
  counts: z.record(checkStatus, z.number().int().nonnegative()),
  controls: z.array(controlStatusSchema),
  checks: z.array(checkResultSchema),
});
export type ComplianceStatus = z.infer<typeof complianceStatusSchema>;

export const complianceTrendQuery = z.strictObject({ framework: frameworkId, from: timeInput.optional(), to: timeInput.optional() });
export const trendDaySchema = z.object({
  /** UTC midnight of the day. */
  day: epochMs,
  score: z.number().min(0).max(100).nullable(),
  checks: z.record(z.string(), checkStatus),
});
export const complianceTrendSchema = z.object({
  framework: frameworkId,
  from: epochMs,
  to: epochMs,
  /** Days with a snapshot, oldest first; days without one are absent (Vigil was not running). */
  days: z.array(trendDaySchema),
});
export type ComplianceTrend = z.infer<typeof complianceTrendSchema>;

export const checkIdParams = z.strictObject({ checkId });
export const checkDetailSchema = z.object({
  check: checkResultSchema,
  /** The controls this check serves, per framework. */
  controls: z.array(z.object({ framework: frameworkId, id: z.string(), title: z.string() })),
  history: z.array(z.object({ day: epochMs, status: checkStatus, summary: z.string() })),
});
export type CheckDetail = z.infer<typeof checkDetailSchema>;

export const evidenceQuery = z.strictObject({ framework: frameworkId, from: timeInput.optional(), to: timeInput.optional() });
export const evidenceFileSchema = z.object({ path: z.string(), sha256: z.string(), bytes: z.number().int() });

export const signingKeySchema = z.object({
  algorithm: z.literal('Ed25519'),
  /** SPKI PEM. */
  publicKeyPem: z.string(),
  /** SHA-256 of the DER public key, hex: compare it out of band. */
  fingerprint: z.string(),
});

const retentionClass = z.strictObject({
  /** Case-insensitive regular expression on "group/stream". */
  pattern: z.string().min(1).max(200),
  minDays: z.number().int().min(1).max(3650),
});
export const compliancePolicySchema = z.strictObject({
  retention: z.strictObject({ security: retentionClass, audit: retentionClass, application: retentionClass }),
  personalData: z.strictObject({ pattern: z.string().min(1).max(200), maxDays: z.number().int().min(1).max(3650) }),
  /** Longer stretches without any CTS trace count as a gap in the audit trail. */
  maxTraceGapHours: z.number().int().min(1).max(720),
  /** Incident-rated traces must be opened in Vigil within this time. */
  incidentAckHours: z.number().int().min(1).max(720),
  maxClockSkewMinutes: z.number().int().min(1).max(1440),
  tokenMaxAgeDays: z.number().int().min(1).max(3650),
  /** Days of evidence a check looks at. */
  periodDays: z.number().int().min(1).max(90),
});
export type CompliancePolicy = z.infer<typeof compliancePolicySchema>;
export const compliancePolicyOutput = z.object({ policy: compliancePolicySchema, updatedAt: epochMs.nullable(), updatedBy: z.string().nullable() });

export const scheduleInput = z.strictObject({
  framework: frameworkId,
  cadence: z.enum(['weekly', 'monthly']),
  recipient: z.string().email().max(254),
});
/** The outbox row of a schedule's newest pack: the e-mail's delivery as the notifier reports it. */
export const scheduleDeliverySchema = z.object({
  notificationId: z.string(),
  status: z.enum(notificationStatuses),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: epochMs,
  deliveredAt: epochMs.nullable(),
  nextAttemptAt: epochMs.nullable(),
});
export const scheduleSchema = scheduleInput.extend({
  id: z.string().uuid(),
  createdBy: z.string(),
  createdAt: epochMs,
  /** email: packs go out through an enabled e-mail channel; not_configured: there is none, nothing is sent. */
  delivery: z.enum(['not_configured', 'email']),
  /** When the next pack is due (weekly: Monday 06:00 UTC, monthly: the 1st 06:00 UTC). */
  nextRunAt: epochMs.nullable(),
  /** When the last pack was due and handled (queued, or refused with lastError). */
  lastRunAt: epochMs.nullable(),
  /** Why the last run queued nothing (e.g. no e-mail channel); delivery errors are in lastDelivery. */
  lastError: z.string().nullable(),
  /** The period the last queued pack covers. */
  lastPeriod: z.object({ from: epochMs, to: epochMs }).nullable(),
  lastDelivery: scheduleDeliverySchema.nullable(),
});
export type Schedule = z.infer<typeof scheduleSchema>;
export const scheduleListSchema = z.object({
  schedules: z.array(scheduleSchema),
  delivery: z.enum(['not_configured', 'email']),
  /** The e-mail channel packs go out through (the first enabled one), or null. */
  channel: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Largest pack sent as an attachment; a larger one fails its delivery with the reason. */
  maxAttachmentBytes: z.number().int(),
});
export const scheduleIdParams = z.strictObject({ id: z.string().uuid() });
