/** Checks on the logs and the audit trail themselves: retention, coverage, integrity, clock. Pure. */
import type { CheckResult, CheckStatus, EvidenceItem } from '../../../contract/index.ts';
import type { ComplianceFacts, Masker, StreamFact } from './facts.ts';
import { iso, item, result, worstStatus } from './model.ts';

const HOUR = 3_600_000;

function classOf(stream: StreamFact, facts: ComplianceFacts): 'audit' | 'security' | 'application' {
  const name = `${stream.group}/${stream.stream}`;
  const { retention } = facts.policy;
  for (const kind of ['audit', 'security', 'application'] as const) {
    if (safeRegex(retention[kind].pattern).test(name)) return kind;
  }
  return 'application';
}

function safeRegex(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'i');
  } catch {
    // The policy schema keeps patterns short; an invalid one matches nothing rather than everything.
    return /(?!)/;
  }
}

export function retentionCheck(facts: ComplianceFacts): CheckResult {
  const evidence: EvidenceItem[] = [];
  const statuses: CheckStatus[] = [];
  const personal = safeRegex(facts.policy.personalData.pattern);
  for (const stream of facts.streams) {
    const kind = classOf(stream, facts);
    const min = facts.policy.retention[kind].minDays;
    const name = `${stream.group}/${stream.stream}`;
    const holdsPersonal = personal.test(name);
    let status: CheckStatus = 'pass';
    let value = `${kind} stream keeps ${stream.ttlDays} days (minimum ${min})`;
    if (stream.ttlDays < min) status = 'fail';
    if (holdsPersonal) {
      value += `; holds personal data: at most ${facts.policy.personalData.maxDays} days`;
      if (stream.ttlDays > facts.policy.personalData.maxDays) status = 'fail';
    }
    statuses.push(status);
    evidence.push(item(name, value, { status, link: { kind: 'logGroup', id: stream.groupId } }));
  }
  const { last, lastSuccess, deletedSince, runsSince } = facts.retention;
  let jobStatus: CheckStatus;
  let jobText: string;
  if (!last) {
    jobStatus = 'fail';
    jobText = 'no run of the retention job is recorded';
  } else if (!lastSuccess || facts.now - lastSuccess.finishedAt > 2 * facts.retentionIntervalMs) {
    jobStatus = 'fail';
    jobText = lastSuccess ? `last successful run ${iso(lastSuccess.finishedAt)}, overdue` : `every recorded run failed (last: ${last.error ?? 'unknown error'})`;
  } else {
    jobStatus = last.error ? 'warn' : 'pass';
    jobText = `last run ${iso(last.finishedAt)} deleted ${last.deletedLines} lines; ${runsSince} runs deleted ${deletedSince} lines in the period${last.error ? `; the newest run failed: ${last.error}` : ''}`;
  }
  statuses.push(jobStatus);
  evidence.unshift(item('Retention job', jobText, { status: jobStatus, time: last?.finishedAt ?? null }));
  const status = facts.streams.length === 0 && jobStatus === 'pass' ? 'not_evaluable' : worstStatus(statuses);
  const failing = evidence.filter((e) => e.status === 'fail').length;
  return result(
    {
      id: 'retention', title: 'Retention', status, since: null, evaluatedAt: facts.now,
      summary: status === 'pass'
        ? `All ${facts.streams.length} streams keep their lines within the policy and the retention job runs.`
        : status === 'not_evaluable' ? 'No log streams to evaluate.' : `${failing} of ${evidence.length} items break the retention policy.`,
    },
    evidence,
  );
}

export function auditCoverageCheck(facts: ComplianceFacts, mask: Masker): CheckResult {
  const evidence: EvidenceItem[] = [];
  // The tracker's state is the last lifecycle event: a delete (or an update to disabled) stops
  // recording until a tracker is created again (or re-enabled after a stop).
  let stoppedBy: ComplianceFacts['trackerEvents'][number] | null = null;
  for (const event of facts.trackerEvents) {
    if (event.name === 'deleteTracker' || (event.name === 'updateTracker' && event.trackerStatus === 'disabled')) stoppedBy = event;
    else if (event.name === 'createTracker' || (event.name === 'updateTracker' && event.trackerStatus === 'enabled' && stoppedBy?.name === 'updateTracker')) stoppedBy = null;
  }
  let status: CheckStatus = 'pass';
  let since: number | null = null;
  if (stoppedBy) {
    status = 'fail';
    since = stoppedBy.time;
    evidence.push(item(
      stoppedBy.name === 'deleteTracker' ? 'Tracker deleted' : 'Tracker stopped',
      `${stoppedBy.name} on ${stoppedBy.resourceName || 'tracker'} by ${mask.user(stoppedBy.user)} from ${mask.ip(stoppedBy.sourceIp) || 'no address'}; no tracker was created since`,
      { status: 'fail', time: stoppedBy.time, link: { kind: 'trace', id: stoppedBy.traceId } },
    ));
  }
  const limitHours = facts.policy.maxTraceGapHours;
  const total = facts.hourlyTraces.reduce((a, b) => a + b, 0);
  if (total === 0) {
    status = 'fail';
    since ??= facts.from;
    evidence.push(item('No traces', `no CTS trace arrived in the period ${iso(facts.from)} – ${iso(facts.to)}`, { status: 'fail' }));
  } else {
    let run = 0;
    const gaps: { start: number; hours: number }[] = [];
    facts.hourlyTraces.forEach((count, index) => {
      if (count === 0) run++;
      if ((count !== 0 || index === facts.hourlyTraces.length - 1) && run > 0) {
        const end = count === 0 ? index + 1 : index;
        if (run >= limitHours) gaps.push({ start: facts.hourlyStart + (end - run) * HOUR, hours: run });
        run = 0;
      }
    });
    for (const gap of gaps) {
      evidence.push(item('Gap without traces', `${gap.hours} hours without any trace from ${iso(gap.start)} (limit ${limitHours} h)`, { status: 'fail', time: gap.start }));
    }
    if (gaps.length > 0) {
      status = 'fail';
      since ??= gaps[gaps.length - 1]?.start ?? null;
    }
    evidence.push(item('Traces in the period', `${total} traces in ${facts.hourlyTraces.length} hours; ${gaps.length} gaps of ${limitHours} h or more`, { status: gaps.length ? 'fail' : 'pass' }));
  }
  return result(
    {
      id: 'audit-coverage', title: 'Audit trail coverage', status, since, evaluatedAt: facts.now,
      summary: stoppedBy
        ? `The CTS tracker was ${stoppedBy.name === 'deleteTracker' ? 'deleted' : 'stopped'} on ${iso(stoppedBy.time)}; the audit trail is not recorded since.`
        : status === 'pass' ? 'CTS traces arrive without gaps longer than the policy allows.' : 'The audit trail has gaps longer than the policy allows.',
    },
    evidence,
  );
}

const CTS_HOW = 'vigil import-cts TRACE-FILES… --digest DIGEST-FILES… checks them (CTS writes digest files when the tracker has is_support_validate on)';

/** The CTS trace files' part of the integrity check: the newest digest verification of every imported file. */
function ctsFilesEvidence(facts: ComplianceFacts): { status: CheckStatus | null; items: EvidenceItem[] } {
  const v = facts.ctsVerification;
  if (!v) {
    return { status: null, items: [item('CTS trace files', `not evaluable: no CTS trace file was imported with its digest file; ${CTS_HOW}`, { status: 'not_evaluable' })] };
  }
  const c = v.counts;
  const status: CheckStatus = c.changed + c.signature_invalid > 0 ? 'fail' : c.unsigned + c.not_covered > 0 ? 'warn' : 'pass';
  const items = [
    item('CTS trace files', `${v.files} checked against CTS digests: ${c.verified} verified, ${c.changed} changed, ${c.signature_invalid} with a digest failing its signature, ${c.unsigned} with an unsigned digest, ${c.not_covered} not in any given digest`, {
      status, time: v.lastVerifiedAt,
    }),
    ...v.problems.slice(0, 10).map((p) => item(`CTS file ${p.file}`, `${p.status.replace('_', ' ')}: ${p.detail}`, { status: p.status === 'changed' || p.status === 'signature_invalid' ? 'fail' : 'warn', time: p.verifiedAt })),
  ];
  return { status, items };
}

export function integrityCheck(facts: ComplianceFacts): CheckResult {
  const v = facts.auditVerification;
  const chain: CheckStatus = v.intact ? 'pass' : 'fail';
  const cts = ctsFilesEvidence(facts);
  const status = cts.status ? worstStatus([chain, cts.status]) : chain;
  const evidence = [
    item("Vigil's audit chain", v.intact
      ? `intact: ${v.checked} records verified at ${iso(v.verifiedAt)}`
      : `BROKEN at record ${v.firstBroken?.seq}: ${v.firstBroken?.reason}; records 1..${v.intactUpTo} intact`, {
      status: chain, time: v.verifiedAt, link: v.firstBroken ? { kind: 'audit', id: String(v.firstBroken.seq) } : null,
    }),
    ...cts.items,
  ];
  const ctsWords = cts.status === 'fail' ? ' Imported CTS trace files fail their digest check.' : cts.status === 'warn' ? ' Some imported CTS trace files could not be verified.' : '';
  return result(
    {
      id: 'integrity', title: 'Integrity of the audit trail', status, since: status === 'pass' ? null : facts.now, evaluatedAt: facts.now,
      summary: (v.intact ? `Vigil's audit chain verifies (${v.checked} records).` : `Vigil's audit chain is broken at record ${v.firstBroken?.seq}.`) + ctsWords,
    },
    evidence,
  );
}

export function clockCheck(facts: ComplianceFacts): CheckResult {
  const bound = facts.policy.maxClockSkewMinutes * 60_000;
  const evidence: EvidenceItem[] = [];
  const future = facts.streams.filter((s) => s.latestTime !== null && s.latestTime > facts.now + bound);
  for (const s of future) {
    evidence.push(item(`${s.group}/${s.stream}`, `newest line stamped ${iso(s.latestTime as number)}, ${Math.round(((s.latestTime as number) - facts.now) / 60_000)} min ahead of Vigil's clock`, { status: 'fail', time: s.latestTime }));
  }
  const newestLine = Math.max(...facts.streams.map((s) => s.latestTime ?? 0), 0);
  if (newestLine > 0) evidence.push(item('Newest log line', `${iso(newestLine)} (${describeOffset(newestLine - facts.now)} Vigil's clock)`));
  const skewed = facts.newestTraces.filter((t) => Math.abs(t.recordTime - t.time) > bound);
  for (const t of skewed.slice(0, 20)) {
    evidence.push(item('Trace time vs record time', `${t.name}: event ${iso(t.time)}, recorded ${iso(t.recordTime)}`, { status: 'fail', time: t.time, link: { kind: 'trace', id: t.traceId } }));
  }
  const newestTrace = facts.newestTraces[0];
  const futureTrace = newestTrace && newestTrace.time > facts.now + bound;
  if (newestTrace) evidence.push(item('Newest trace', `${iso(newestTrace.time)} (${describeOffset(newestTrace.time - facts.now)} Vigil's clock)`, { status: futureTrace ? 'fail' : null }));
  const evaluable = newestLine > 0 || newestTrace !== undefined;
  const status: CheckStatus = !evaluable ? 'not_evaluable' : future.length || skewed.length || futureTrace ? 'fail' : 'pass';
  return result(
    {
      id: 'clock', title: 'Clock synchronisation', status, since: status === 'fail' ? facts.now : null, evaluatedAt: facts.now,
      summary: status === 'pass' ? `No log line or trace is stamped more than ${facts.policy.maxClockSkewMinutes} min off Vigil's clock.`
        : status === 'not_evaluable' ? 'No log lines or traces to compare with.' : `${future.length} streams and ${skewed.length} traces are stamped beyond ${facts.policy.maxClockSkewMinutes} min.`,
    },
    evidence,
  );
}

function describeOffset(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const text = minutes >= 2880 ? `${Math.round(minutes / 1440)} days` : minutes >= 120 ? `${Math.round(minutes / 60)} h` : `${minutes} min`;
  return ms > 0 ? `${text} ahead of` : `${text} behind`;
}

