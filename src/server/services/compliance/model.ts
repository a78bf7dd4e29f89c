/** Pure aggregation: control status from its checks, the framework score, "since when". */
import type { CheckResult, CheckStatus, ControlStatus, EvidenceItem, Framework } from '../../../contract/index.ts';
import type { SnapshotRow } from '../../state/compliance-state.ts';

const SEVERITY: Record<CheckStatus, number> = { pass: 0, not_evaluable: 1, warn: 2, fail: 3 };

/** The worst status wins; "not evaluable" only when no check could be evaluated. */
export function worstStatus(statuses: readonly CheckStatus[]): CheckStatus {
  const evaluable = statuses.filter((s) => s !== 'not_evaluable');
  if (evaluable.length === 0) return 'not_evaluable';
  return evaluable.reduce((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), 'pass' as CheckStatus);
}

export function controlStatuses(framework: Framework, checks: readonly Pick<CheckResult, 'id' | 'status' | 'since'>[]): ControlStatus[] {
  const byId = new Map(checks.map((c) => [c.id, c]));
  return framework.controls.map((control) => {
    const own = control.checks.map((id) => byId.get(id)).filter((c) => c !== undefined);
    const status = worstStatus(own.map((c) => c.status));
    const since = status === 'pass' || status === 'not_evaluable' ? null : minOrNull(own.filter((c) => c.status === status).map((c) => c.since));
    return { ...control, status, since };
  });
}

/** Share of evaluable controls passing, a warning counting half; null when none is evaluable. */
export function score(controls: readonly { status: CheckStatus }[]): number | null {
  const evaluable = controls.filter((c) => c.status !== 'not_evaluable');
  if (evaluable.length === 0) return null;
  const points = evaluable.reduce((sum, c) => sum + (c.status === 'pass' ? 1 : c.status === 'warn' ? 0.5 : 0), 0);
  return Math.round((points / evaluable.length) * 1000) / 10;
}

export function countStatuses(items: readonly { status: CheckStatus }[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, not_evaluable: 0 };
  for (const item of items) counts[item.status]++;
  return counts;
}

/**
 * When the current bad state began: the check's own evidence knows best (e.g. the time a tracker
 * was deleted); otherwise the first day of the unbroken run of equally bad daily snapshots.
 */
export function sinceFromHistory(status: CheckStatus, ownSince: number | null, history: readonly Pick<SnapshotRow, 'day' | 'status'>[], today: number): number | null {
  if (status === 'pass' || status === 'not_evaluable') return null;
  if (ownSince !== null) return ownSince;
  let since = today;
  for (const row of [...history].sort((a, b) => b.day - a.day)) {
    if (row.day >= today) continue;
    if (row.status !== status) break;
    since = row.day;
  }
  return since;
}

function minOrNull(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.min(...known) : null;
}

export const MAX_EVIDENCE = 200;

/** A check's result with its evidence bounded (the cut is stated). */
export function result(fields: Omit<CheckResult, 'evidence' | 'evidenceTruncated'>, evidence: EvidenceItem[]): CheckResult {
  return { ...fields, evidence: evidence.slice(0, MAX_EVIDENCE), evidenceTruncated: evidence.length > MAX_EVIDENCE };
}

export function item(label: string, value: string, extra: Partial<Omit<EvidenceItem, 'label' | 'value'>> = {}): EvidenceItem {
  return { label, value: value.slice(0, 2000), status: extra.status ?? null, time: extra.time ?? null, link: extra.link ?? null };
}

export function iso(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
