/** Checks on people and reactions: privileged access, monitoring, incident handling, read access. Pure. */
import { endpoints, type AuditRecord, type CheckResult, type CheckStatus, type EvidenceItem } from '../../../contract/index.ts';
import { MONITORED_TOPICS } from './alerting-sources.ts';
import type { ComplianceFacts, Masker } from './facts.ts';
import { iso, item, result, worstStatus } from './model.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Changes that the API lets through only with a multi-factor sign-in: the contract's mfa endpoints. */
export const MFA_ACTIONS: ReadonlySet<string> = new Set(Object.entries(endpoints).filter(([, e]) => 'mfa' in e && e.mfa).map(([name]) => name));

export const READ_ACTIONS = ['searchLogs', 'exportLogs', 'tailLogs', 'viewLogContext', 'searchTraces', 'viewTrace', 'complianceEvidence'] as const;

function parsed(record: AuditRecord): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(record.request || '{}');
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function privilegedAccessCheck(facts: ComplianceFacts, mask: Masker): CheckResult {
  const evidence: EvidenceItem[] = [];
  const statuses: CheckStatus[] = [];
  let since: number | null = null;
  const changes = facts.auditRecords.filter((r) => MFA_ACTIONS.has(r.trace_name) && Number(r.code) < 400);
  let withoutMfa = 0;
  for (const change of changes) {
    // Through the API the guard refused these changes without a multi-factor sign-in; a record
    // without a request path was written outside the API (the command line on the server).
    const viaApi = change.resource_url !== '';
    if (!viaApi) {
      withoutMfa++;
      since ??= change.time;
      evidence.push(item('Admin change without multi-factor sign-in', `${change.trace_name} ${change.resource_name} by ${mask.user(change.user.name)} outside the web API (no second factor)`, {
        status: 'fail', time: change.time, link: { kind: 'audit', id: String(change.seq) },
      }));
    }
  }
  statuses.push(withoutMfa ? 'fail' : 'pass');
  evidence.unshift(item('Admin changes in the period', `${changes.length} changes, ${changes.length - withoutMfa} with a multi-factor sign-in enforced by the API, ${withoutMfa} without`, { status: withoutMfa ? 'fail' : 'pass' }));

  const admins = new Map<string, { multiFactor: boolean; last: number }>();
  for (const r of facts.auditRecords) {
    if (r.trace_name !== 'signIn') continue;
    const request = parsed(r);
    if (!Array.isArray(request.roles) || !request.roles.includes('admin')) continue;
    const known = admins.get(r.user.name);
    admins.set(r.user.name, { multiFactor: (known?.multiFactor ?? false) || request.multiFactor === true, last: r.time });
  }
  for (const [name, info] of admins) {
    evidence.push(item('Admin signed in', `${mask.user(name)}: last sign-in ${iso(info.last)}${info.multiFactor ? ', with a second factor' : ', password only so far (changes still need the step-up)'}`, { time: info.last }));
  }
  const active = facts.tokens.filter((t) => t.revokedAt === null && t.expiresAt > facts.now);
  const oldLimit = facts.policy.tokenMaxAgeDays * DAY;
  for (const token of active.filter((t) => t.role === 'admin' || facts.now - t.createdAt > oldLimit)) {
    const old = facts.now - token.createdAt > oldLimit;
    if (old) statuses.push('warn');
    evidence.push(item(`API token "${token.name}"`, `role ${token.role}, created ${iso(token.createdAt)}${old ? `, older than ${facts.policy.tokenMaxAgeDays} days` : ''}, expires ${iso(token.expiresAt)}`, {
      status: old ? 'warn' : null, time: token.createdAt, link: { kind: 'token', id: token.id },
    }));
  }
  const status = worstStatus(statuses);
  return result(
    {
      id: 'privileged-access', title: 'Privileged access', status, since: status === 'pass' ? null : (since ?? facts.now), evaluatedAt: facts.now,
      summary: status === 'pass' ? `Every admin change in the period (${changes.length}) was made with a multi-factor sign-in.`
        : withoutMfa ? `${withoutMfa} admin changes were made without a multi-factor sign-in.` : `API tokens older than ${facts.policy.tokenMaxAgeDays} days are active.`,
    },
    evidence.concat(facts.auditTruncated ? [item('Bound', 'only the newest audit records of the period were read', { status: 'warn' })] : []),
  );
}

export function monitoringCheck(facts: ComplianceFacts): CheckResult {
  if (facts.alertRules === null) {
    return result(
      { id: 'monitoring', title: 'Monitoring and alerting', status: 'not_evaluable', since: null, evaluatedAt: facts.now, summary: 'Not evaluable: alert rules and notifications are not part of this Vigil installation yet.' },
      MONITORED_TOPICS.map((topic) => item(`Alert rule for ${topic}`, 'not evaluable: no alert rules source', { status: 'not_evaluable' })),
    );
  }
  const evidence: EvidenceItem[] = [];
  const statuses: CheckStatus[] = [];
  for (const topic of MONITORED_TOPICS) {
    const rules = facts.alertRules.filter((r) => r.topics.includes(topic));
    const enabled = rules.filter((r) => r.enabled);
    const status: CheckStatus = enabled.length ? 'pass' : 'fail';
    statuses.push(status);
    evidence.push(item(`Alert rule for ${topic}`, enabled.length ? enabled.map((r) => r.name).join(', ') : rules.length ? 'rules exist but are disabled' : 'no rule', { status, link: enabled[0] ? null : null }));
  }
  if (facts.deliveries === null) {
    evidence.push(item('Notification delivery', 'not evaluable: no delivery status source', { status: 'not_evaluable' }));
  } else {
    const failed = facts.deliveries.failed > 0;
    statuses.push(failed ? 'warn' : 'pass');
    evidence.push(item('Notification delivery', `${facts.deliveries.delivered} delivered, ${facts.deliveries.failed} failed, ${facts.deliveries.pending} pending`, { status: failed ? 'warn' : 'pass' }));
  }
  const status = worstStatus(statuses);
  return result({ id: 'monitoring', title: 'Monitoring and alerting', status, since: status === 'pass' ? null : facts.now, evaluatedAt: facts.now, summary: status === 'pass' ? 'Alert rules cover every monitored topic and notifications are delivered.' : 'Some monitored topics have no enabled alert rule or deliveries fail.' }, evidence);
}

const PERSONAL_DATA_SERVICES = new Set(['IAM', 'OBS', 'RDS', 'DDS', 'GaussDB', 'DWS']);

export function incidentHandlingCheck(facts: ComplianceFacts, mask: Masker): CheckResult {
  const ackMs = facts.policy.incidentAckHours * HOUR;
  const firstView = new Map<string, number>();
  for (const r of facts.auditRecords) {
    if (r.trace_name === 'viewTrace' && Number(r.code) < 400 && !firstView.has(r.resource_id)) firstView.set(r.resource_id, r.time);
  }
  const evidence: EvidenceItem[] = [];
  const statuses: CheckStatus[] = [];
  let since: number | null = null;
  for (const incident of facts.incidents) {
    const deadline = incident.time + ackMs;
    const seen = firstView.get(incident.traceId);
    let status: CheckStatus;
    let text: string;
    if (seen !== undefined && seen <= deadline) [status, text] = ['pass', `opened in Vigil ${iso(seen)}, within ${facts.policy.incidentAckHours} h`];
    else if (seen !== undefined) [status, text] = ['fail', `opened only ${iso(seen)}, after the ${facts.policy.incidentAckHours} h limit`];
    else if (facts.now <= deadline) [status, text] = ['warn', `not opened yet; due ${iso(deadline)}`];
    else [status, text] = ['fail', `not opened within ${facts.policy.incidentAckHours} h (due ${iso(deadline)})`];
    if (status === 'fail') since = Math.min(since ?? Infinity, deadline);
    statuses.push(status);
    const personal = PERSONAL_DATA_SERVICES.has(incident.service);
    const gdpr = personal ? `; may concern personal data: GDPR Art. 33 72-hour clock ends ${iso(incident.time + 72 * HOUR)}` : '';
    evidence.push(item(`Incident ${incident.service} ${incident.name}`, `${iso(incident.time)} by ${mask.user(incident.user)}: ${text}${gdpr}`, {
      status, time: incident.time, link: { kind: 'trace', id: incident.traceId },
    }));
  }
  if (facts.criticalAlerts === null) {
    evidence.push(item('Critical alerts', 'not evaluable: alerting is not part of this Vigil installation', { status: 'not_evaluable' }));
  } else {
    for (const alert of facts.criticalAlerts.alerts) {
      const deadline = alert.startsAt + ackMs;
      let status: CheckStatus;
      let text: string;
      if (alert.ackedAt !== null && alert.ackedAt <= deadline) [status, text] = ['pass', `acknowledged ${iso(alert.ackedAt)}, within ${facts.policy.incidentAckHours} h`];
      else if (alert.ackedAt !== null) [status, text] = ['fail', `acknowledged only ${iso(alert.ackedAt)}, after the ${facts.policy.incidentAckHours} h limit`];
      else if (facts.now <= deadline) [status, text] = ['warn', `not acknowledged yet; due ${iso(deadline)}`];
      else [status, text] = ['fail', `not acknowledged within ${facts.policy.incidentAckHours} h (due ${iso(deadline)})`];
      if (status === 'fail') since = Math.min(since ?? Infinity, deadline);
      statuses.push(status);
      evidence.push(item(`Critical alert ${alert.ruleName}`, `${iso(alert.startsAt)}: ${text}`, { status, time: alert.startsAt }));
    }
    if (facts.criticalAlerts.alerts.length === 0) evidence.push(item('Critical alerts', 'none started in the period', { status: 'pass' }));
    if (facts.criticalAlerts.truncated) evidence.push(item('Bound', 'only the newest critical alerts of the period were read', { status: 'warn' }));
  }
  if (facts.incidentsTruncated) evidence.push(item('Bound', 'only the newest incident-rated traces of the period were read', { status: 'warn' }));
  const status = statuses.length === 0 ? 'pass' : worstStatus(statuses);
  const late = statuses.filter((s) => s === 'fail').length;
  const alerts = facts.criticalAlerts?.alerts.length ?? 0;
  const judged = `${facts.incidents.length} incident-rated traces and ${alerts} critical alerts`;
  return result(
    {
      id: 'incident-handling', title: 'Incident handling', status, since, evaluatedAt: facts.now,
      summary: statuses.length === 0 ? 'No incident-rated traces or critical alerts in the period.'
        : late ? `${late} of ${judged} were not handled within ${facts.policy.incidentAckHours} h.`
        : `${judged}, each handled in time or still within the limit.`,
    },
    evidence,
  );
}

export function readAccountabilityCheck(facts: ComplianceFacts, mask: Masker): CheckResult {
  const perUser = new Map<string, Record<string, number>>();
  for (const r of facts.auditRecords) {
    if (!(READ_ACTIONS as readonly string[]).includes(r.trace_name)) continue;
    const counts = perUser.get(r.user.name) ?? {};
    counts[r.trace_name] = (counts[r.trace_name] ?? 0) + 1;
    perUser.set(r.user.name, counts);
  }
  const evidence = [...perUser].map(([user, counts]) =>
    item(mask.user(user), Object.entries(counts).map(([action, n]) => `${action} ${n}`).join(', ')),
  );
  const intact = facts.auditVerification.intact;
  const status: CheckStatus = !intact ? 'fail' : perUser.size === 0 ? 'warn' : 'pass';
  const total = evidence.length;
  return result(
    {
      id: 'read-accountability', title: 'Read-access accountability', status, since: status === 'pass' ? null : facts.now, evaluatedAt: facts.now,
      summary: !intact ? "Read accesses are recorded, but Vigil's audit chain does not verify."
        : total === 0 ? 'No searches, exports or trace views were recorded in the period.'
        : `Searches, exports and trace views of ${total} users are recorded in Vigil's audit trail.`,
    },
    evidence.concat(facts.auditTruncated ? [item('Bound', 'only the newest audit records of the period were counted', { status: 'warn' })] : []),
  );
}
