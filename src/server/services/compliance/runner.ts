/**
 * Gathers the facts for the checks through the storage ports and Vigil's state, evaluates every
 * check, and keeps the daily snapshot. Evidence is evaluated per request (masked for managers);
 * snapshots keep statuses and summaries only, which hold no personal data.
 */
import type { CheckId, CheckResult, CtsTrace } from '../../../contract/index.ts';
import type { AuditTrail } from '../../state/audit-trail.ts';
import type { ApiTokens } from '../../state/api-tokens.ts';
import { dayOf, type ComplianceState } from '../../state/compliance-state.ts';
import type { CtsVerificationSummary } from '../../state/cts-verifications.ts';
import type { SearchableStore, TraceFilter } from '../../storage/ports.ts';
import { auditCoverageCheck, clockCheck, integrityCheck, retentionCheck } from './checks-logging.ts';
import { incidentHandlingCheck, monitoringCheck, privilegedAccessCheck, readAccountabilityCheck } from './checks-access.ts';
import type { AlertRulesSource, ComplianceFacts, CriticalAlertSource, DeliverySource, Masker, TraceFact } from './facts.ts';
import { sinceFromHistory } from './model.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const MAX_AUDIT_RECORDS = 20_000;
const MAX_INCIDENTS = 200;

export interface ComplianceRunnerDeps {
  store: SearchableStore;
  audit: AuditTrail;
  tokens: ApiTokens;
  compliance: ComplianceState;
  /** Absent until alert rules and notifications are wired in: the Monitoring check says "not evaluable". */
  alertRules?: AlertRulesSource;
  deliveries?: DeliverySource;
  criticalAlerts?: CriticalAlertSource;
  /** Results of CTS digest verification on import; absent: no trace file counts as checked. */
  ctsVerifications?: { summary(): CtsVerificationSummary | null };
  retentionIntervalMs?: number;
  now?: () => number;
}

export const CHECK_ORDER: readonly CheckId[] = ['retention', 'audit-coverage', 'integrity', 'privileged-access', 'monitoring', 'incident-handling', 'clock', 'read-accountability'];

function filter(from: number, to: number, extra: Partial<TraceFilter> = {}): TraceFilter {
  return {
    from, to, serviceTypes: [], resourceTypes: [], traceNames: [], ratings: [], traceTypes: [], users: [], sourceIps: [],
    networks: [], resourceIds: [], resourceNames: [], texts: [], requestIds: [], codes: [], codeClasses: [], ...extra,
  };
}

function trackerStatus(request: string): string | null {
  try {
    const body = JSON.parse(request || '{}') as { status?: unknown };
    return typeof body.status === 'string' ? body.status : null;
  } catch {
    return null;
  }
}

type TraceLike = Pick<CtsTrace, 'trace_id' | 'time' | 'service_type' | 'trace_name' | 'trace_rating' | 'user' | 'source_ip' | 'resource_type' | 'resource_name'> & { record_time?: number; request?: string };

function toFact(t: TraceLike): TraceFact {
  return {
    traceId: t.trace_id, time: t.time, recordTime: t.record_time ?? t.time, service: t.service_type, name: t.trace_name, rating: t.trace_rating,
    user: t.user.name, sourceIp: t.source_ip, resourceType: t.resource_type, resourceName: t.resource_name,
    trackerStatus: t.request !== undefined ? trackerStatus(t.request) : null,
  };
}

export class ComplianceRunner {
  readonly #deps: ComplianceRunnerDeps;
  readonly #now: () => number;

  constructor(deps: ComplianceRunnerDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  async gather(range?: { from?: number; to?: number }): Promise<ComplianceFacts> {
    const { store, audit, tokens, compliance } = this.#deps;
    const now = this.#now();
    const { policy } = compliance.policy();
    const to = Math.min(range?.to ?? now, now);
    const from = range?.from ?? to - policy.periodDays * DAY;

    const groups = await store.logs.listGroups();
    const streams = groups.flatMap((g) => g.log_streams.map((s) => ({
      group: g.log_group_name, stream: s.log_stream_name, groupId: g.log_group_id, ttlDays: s.ttl_in_days ?? g.ttl_in_days, latestTime: s.latest_time, lineCount: s.line_count,
    })));

    // Tracker lifecycle of all time: a tracker deleted before the period is still deleted.
    // Creations and deletions apart from the frequent updates, so many updates cannot push a deletion out of the page.
    const lifecycle = await store.traces.listTraces(filter(0, now + DAY, { serviceTypes: ['CTS'], traceNames: ['createTracker', 'deleteTracker'] }), { limit: 200, after: null });
    // Only updates after the newest creation or deletion can change the state, and only their
    // bodies say whether they stopped or resumed the tracker (each body is one more store read).
    const since = lifecycle.traces[0]?.time ?? 0;
    const updates = await store.traces.listTraces(filter(since, now + DAY, { serviceTypes: ['CTS'], traceNames: ['updateTracker'] }), { limit: 20, after: null });
    const updateBodies = (await Promise.all(updates.traces.map((t) => store.traces.getTrace(t.trace_id)))).filter((t): t is CtsTrace => t !== null);
    const trackerEvents = [...lifecycle.traces.map(toFact), ...updateBodies.map(toFact)].sort((a, b) => a.time - b.time);

    const hourlyStart = Math.floor(from / HOUR) * HOUR;
    const bucketCount = Math.max(1, Math.ceil((to - hourlyStart) / HOUR));
    const timeline = await store.traces.timeline({ filter: filter(from, to), bucketStart: hourlyStart, bucketMs: HOUR, bucketCount, maxPoints: 0 });
    const hourlyTraces = timeline.normal.map((n, i) => n + (timeline.warning[i] ?? 0) + (timeline.incident[i] ?? 0));

    const newestPage = await store.traces.listTraces(filter(0, now + 366 * DAY), { limit: 10, after: null });
    const newestTraces = (await Promise.all(newestPage.traces.map((t) => store.traces.getTrace(t.trace_id)))).filter((t): t is CtsTrace => t !== null).map(toFact);

    const incidentPage = await store.traces.listTraces(filter(from, to, { ratings: ['incident'] }), { limit: MAX_INCIDENTS, after: null });

    const records = [];
    let beforeSeq: number | undefined;
    let auditTruncated = false;
    for (;;) {
      // Inclusive of `to`: a live evaluation counts what happened up to this very millisecond.
      const page = audit.list({ from, to: to + 1, limit: 500, beforeSeq });
      records.push(...page.records);
      if (page.nextBeforeSeq === null) break;
      if (records.length >= MAX_AUDIT_RECORDS) {
        auditTruncated = true;
        break;
      }
      beforeSeq = page.nextBeforeSeq;
    }
    // Trace views after the period still acknowledge incidents of the period.
    const laterViews = audit.list({ from: to + 1, to: now + 1, actions: ['viewTrace'], limit: 500 }).records;

    return {
      now, from, to, policy, streams,
      retention: compliance.retentionRuns(from),
      retentionIntervalMs: this.#deps.retentionIntervalMs ?? HOUR,
      trackerEvents,
      hourlyStart,
      hourlyTraces,
      newestTraces,
      incidents: incidentPage.traces.map(toFact),
      incidentsTruncated: incidentPage.next !== null,
      auditVerification: audit.verify(),
      auditRecords: [...records.reverse(), ...laterViews.reverse()],
      auditTruncated,
      tokens: tokens.list(),
      alertRules: this.#deps.alertRules ? await this.#deps.alertRules.rules() : null,
      deliveries: this.#deps.deliveries ? await this.#deps.deliveries.deliveries(from, to) : null,
      criticalAlerts: this.#deps.criticalAlerts ? await this.#deps.criticalAlerts.criticalAlerts(from, to) : null,
      ctsVerification: this.#deps.ctsVerifications?.summary() ?? null,
    };
  }

  /** Every check, with "since" completed from the daily snapshots. */
  evaluate(facts: ComplianceFacts, mask: Masker): CheckResult[] {
    const checks = [
      retentionCheck(facts),
      auditCoverageCheck(facts, mask),
      integrityCheck(facts),
      privilegedAccessCheck(facts, mask),
      monitoringCheck(facts),
      incidentHandlingCheck(facts, mask),
      clockCheck(facts),
      readAccountabilityCheck(facts, mask),
    ];
    const today = dayOf(facts.now);
    const history = this.#deps.compliance.snapshots(today - 90 * DAY, today);
    return checks.map((check) => ({
      ...check,
      since: sinceFromHistory(check.status, check.since, history.filter((h) => h.checkId === check.id), today),
    }));
  }

  /** Evaluates now and stores today's snapshot. */
  async snapshot(mask: Masker): Promise<CheckResult[]> {
    const checks = this.evaluate(await this.gather(), mask);
    this.#deps.compliance.saveSnapshot(this.#now(), checks);
    return checks;
  }
}

export interface ComplianceJob {
  stop(): void;
}

/** Takes a snapshot shortly after start and then every hour, so every day Vigil runs has one. */
export function startComplianceJob(runner: ComplianceRunner, mask: Masker, onError: (error: unknown) => void): ComplianceJob {
  const tick = () => void runner.snapshot(mask).catch(onError);
  const first = setTimeout(tick, 60_000);
  first.unref();
  const every = setInterval(tick, HOUR);
  every.unref();
  return { stop: () => { clearTimeout(first); clearInterval(every); } };
}
