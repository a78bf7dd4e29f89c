/** A framework's view of the checks: control statuses, score and counts; from live checks or snapshots. */
import type { CheckResult, CheckStatus, ComplianceStatus, ComplianceTrend, Framework } from '../../../contract/index.ts';
import type { SnapshotRow } from '../../state/compliance-state.ts';
import { controlStatuses, countStatuses, score, sinceFromHistory } from './model.ts';
import { CHECK_ORDER } from './runner.ts';

const CHECK_TITLES: Record<string, string> = {
  retention: 'Retention', 'audit-coverage': 'Audit trail coverage', integrity: 'Integrity of the audit trail', 'privileged-access': 'Privileged access',
  monitoring: 'Monitoring and alerting', 'incident-handling': 'Incident handling', clock: 'Clock synchronisation', 'read-accountability': 'Read-access accountability',
};

export function frameworkStatus(framework: Framework, checks: CheckResult[], source: ComplianceStatus['source'], evaluatedAt: number): ComplianceStatus {
  const used = new Set(framework.controls.flatMap((c) => c.checks));
  const own = checks.filter((c) => used.has(c.id));
  const controls = controlStatuses(framework, own);
  return {
    framework: { id: framework.id, name: framework.name, version: framework.version },
    source,
    evaluatedAt,
    score: score(controls),
    counts: countStatuses(controls),
    controls,
    checks: own,
  };
}

/** Checks as a past day's snapshot recorded them: statuses and summaries, no evidence. */
export function checksFromSnapshot(day: number, rows: SnapshotRow[], history: SnapshotRow[]): CheckResult[] {
  return CHECK_ORDER.flatMap((id) => {
    const row = rows.find((r) => r.checkId === id && r.day === day);
    if (!row) return [];
    return [{
      id, title: CHECK_TITLES[id] ?? id, status: row.status, summary: row.summary, evaluatedAt: row.evaluatedAt, evidence: [], evidenceTruncated: false,
      since: sinceFromHistory(row.status, null, history.filter((h) => h.checkId === id && h.day <= day), day),
    }];
  });
}

export function trendOf(framework: Framework, from: number, to: number, rows: SnapshotRow[]): ComplianceTrend {
  const byDay = new Map<number, Record<string, CheckStatus>>();
  for (const row of rows) {
    const day = byDay.get(row.day) ?? {};
    day[row.checkId] = row.status;
    byDay.set(row.day, day);
  }
  const used = new Set(framework.controls.flatMap((c) => c.checks));
  const days = [...byDay].sort(([a], [b]) => a - b).map(([day, statuses]) => {
    const checks = Object.entries(statuses).filter(([id]) => used.has(id as CheckResult['id'])).map(([id, status]) => ({ id: id as CheckResult['id'], status, since: null }));
    return { day, score: score(controlStatuses(framework, checks)), checks: Object.fromEntries(checks.map((c) => [c.id, c.status])) };
  });
  return { framework: framework.id, from, to, days };
}
