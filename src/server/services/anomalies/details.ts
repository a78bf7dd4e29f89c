/**
 * One anomaly in full (runner side, reads through the ports): the anomaly recomputed from its id,
 * the explanation from a bounded read of its window and a baseline window, and the CTS changes
 * in the minutes before it. Reads are bounded: at most MAX_LINES lines per window.
 */
import { parseQuery } from '../../../query/index.ts';
import type { Anomaly, AnomalyDetail } from '../../../contract/index.ts';
import type { SearchableStore, TraceFilter } from '../../storage/ports.ts';
import { isChangeOperation } from '../../traces/behaviour.ts';
import type { AnomalyDetector } from './detector.ts';
import { auditSentence, contributors, countLines, logSentence, type Contributor, type FieldCounts } from './explain.ts';
import { parseAnomalyId } from './ids.ts';
import { DAY_MS, WEEK_MS } from './model.ts';

export const MAX_LINES = 1_000;
const MAX_CHANGES = 25;
const CHANGE_SCAN = 500;
const LINE_BUDGET = { maxRows: 200_000, maxMs: 2_000 };
// Error lines as the error ratio counts them: an error level, or (access logs) a status of 500 or more.
const ERROR_QUERY = 'level:ERROR OR level:FATAL OR level:CRITICAL OR level:CRIT OR level:ALERT OR level:EMERG OR status>=500';

/** The anomaly an id names, recomputed (from the cache when it holds the window). */
export async function findAnomaly(detector: AnomalyDetector, id: string, now: number): Promise<Anomaly | null> {
  const parsed = parseAnomalyId(id);
  if (!parsed || parsed.start > now) return null;
  const result = await detector.detect({ kind: parsed.kind, ...parsed.subject, from: parsed.start, to: Math.min(now, parsed.start + 2 * DAY_MS) });
  return result.anomalies.find((a) => a.id === id) ?? null;
}

function emptyFilter(from: number, to: number): TraceFilter {
  return { from, to, serviceTypes: [], resourceTypes: [], traceNames: [], ratings: [], traceTypes: [], users: [], sourceIps: [], networks: [], resourceIds: [], resourceNames: [], texts: [], requestIds: [], codes: [], codeClasses: [] };
}

async function logExplanation(store: SearchableStore, anomaly: Anomaly & { subject: { group: string; stream: string } }) {
  const groups = await store.logs.listGroups();
  const streamId = groups.find((g) => g.log_group_name === anomaly.subject.group)?.log_streams.find((s) => s.log_stream_name === anomaly.subject.stream)?.log_stream_id;
  const errorsOnly = anomaly.kind === 'log_error_ratio';
  const parsed = parseQuery(errorsOnly ? ERROR_QUERY : '');
  if (!streamId || !parsed.ok) return null;
  const read = async (from: number, to: number) =>
    store.search.searchLines({ query: parsed.ast, from, to, streamIds: [streamId], order: 'newest', limit: MAX_LINES, position: null, budget: LINE_BUDGET });
  const duration = anomaly.end - anomaly.start;
  const window = await read(anomaly.start, anomaly.end);
  // The same hours a week before (the baseline's own season); a day before when that is empty.
  let baselineFrom = anomaly.start - WEEK_MS;
  let baseline = await read(baselineFrom, baselineFrom + duration);
  if (baseline.lines.length === 0) {
    baselineFrom = anomaly.start - DAY_MS;
    baseline = await read(baselineFrom, baselineFrom + duration);
  }
  const windowCounts: FieldCounts = countLines(window.lines);
  const list = contributors(windowCounts, countLines(baseline.lines), anomaly.direction);
  const complete = window.next === null && window.truncatedReason === null;
  const total = { actual: window.lines.length, baseline: baseline.lines.length };
  // Search for what dominates the window (the message kind, the address), else the whole stream.
  const dominant = (field: string) => list.find((c) => c.field === field && c.actual >= total.actual * 0.5 && !/["\\]/.test(c.value))?.value;
  const message = anomaly.direction === 'up' ? dominant('message') : undefined;
  const ip = anomaly.direction === 'up' ? dominant('source_ip') : undefined;
  const focus = [message ? `"${message}"` : '', ip ?? ''].filter(Boolean).join(' AND ');
  const searchQuery = errorsOnly ? (focus ? `(${ERROR_QUERY}) AND ${focus}` : ERROR_QUERY) : focus;
  return {
    sentence: logSentence(list, total, duration, anomaly.direction, errorsOnly) + (complete ? '' : ` (from the newest ${window.lines.length} lines of the window)`),
    contributors: list,
    baselineFrom,
    baselineTo: baselineFrom + duration,
    examined: window.lines.length,
    complete,
    searchQuery: parseQuery(searchQuery).ok ? searchQuery : errorsOnly ? ERROR_QUERY : '',
    hosts: new Set(list.filter((c) => c.field === 'host').map((c) => c.value)),
  };
}

async function auditExplanation(store: SearchableStore, anomaly: Anomaly, subject: { user: string } | { service: string }) {
  const duration = anomaly.end - anomaly.start;
  const baselineFrom = anomaly.start - 4 * WEEK_MS;
  const breakdown = await store.anomalySeries.auditBreakdown({ ...subject, from: anomaly.start, to: anomaly.end, baselineFrom, maxTraces: 50 });
  // Baseline counts scaled to the window's length, so both columns count the same span of time.
  const scale = duration / (anomaly.start - baselineFrom);
  const scaled = Object.fromEntries(
    Object.entries(breakdown.baseline).map(([field, values]) => [field, Object.fromEntries(Object.entries(values).map(([v, n]) => [v, Math.round(n * scale * 10) / 10]))]),
  );
  const list: Contributor[] = contributors(breakdown.window, scaled, anomaly.direction).filter((c) => !('user' in subject) || c.field !== 'user');
  const name = 'user' in subject ? subject.user : subject.service;
  return {
    sentence: auditSentence(name, breakdown, duration),
    contributors: list,
    baselineFrom,
    baselineTo: anomaly.start,
    examined: breakdown.windowTotal,
    complete: !breakdown.moreTraces,
    searchQuery: '',
    hosts: new Set<string>(),
  };
}

export async function anomalyDetail(store: SearchableStore, anomaly: Anomaly, changesWindowMinutes: number): Promise<AnomalyDetail> {
  const subject = anomaly.subject;
  const explained = 'group' in subject ? await logExplanation(store, { ...anomaly, subject }) : await auditExplanation(store, anomaly, subject);
  const changesFrom = anomaly.start - changesWindowMinutes * 60_000;
  const page = await store.traces.listTraces(emptyFilter(changesFrom, anomaly.start), { limit: CHANGE_SCAN, after: null });
  const hosts = explained?.hosts ?? new Set<string>();
  const names = 'group' in subject ? [subject.group, subject.stream] : [];
  const ranked = page.traces
    .filter((t) => isChangeOperation(t.trace_name))
    .map((t) => {
      const relation: AnomalyDetail['changes']['traces'][number]['relation'] = [];
      const resource = `${t.resource_name} ${t.resource_id}`.toLowerCase();
      if ([...hosts].some((h) => resource.includes(h.toLowerCase()))) relation.push('same_host');
      // The LTS log group or stream itself (its name exactly): a substring would tie "app" to "app-01".
      if (names.some((n) => n.toLowerCase() === t.resource_name.toLowerCase() || n === t.resource_id)) relation.push('same_resource');
      if ('user' in subject && t.user.name === subject.user) relation.push('same_user');
      return {
        trace_id: t.trace_id, time: t.time, trace_name: t.trace_name, service_type: t.service_type, resource_type: t.resource_type,
        resource_name: t.resource_name, resource_id: t.resource_id, user: t.user.name, source_ip: t.source_ip, trace_rating: t.trace_rating, relation,
      };
    })
    .sort((a, b) => b.relation.length - a.relation.length || b.time - a.time);
  const searchQuery = explained?.searchQuery ?? (anomaly.kind === 'log_error_ratio' ? ERROR_QUERY : '');
  return {
    anomaly,
    explanation: explained
      ? { sentence: explained.sentence, contributors: explained.contributors, baselineFrom: explained.baselineFrom, baselineTo: explained.baselineTo, examined: explained.examined, complete: explained.complete }
      : { sentence: 'The stream is no longer in the store; no explanation is available.', contributors: [], baselineFrom: null, baselineTo: null, examined: 0, complete: false },
    changes: { from: changesFrom, to: anomaly.start, traces: ranked.slice(0, MAX_CHANGES), complete: page.next === null && ranked.length <= MAX_CHANGES },
    links: {
      search: 'group' in subject ? { q: searchQuery, group: subject.group, stream: subject.stream, from: anomaly.start, to: anomaly.end } : null,
      audit: 'group' in subject ? null : { user: 'user' in subject ? subject.user : null, service: 'service' in subject ? subject.service : null, from: anomaly.start, to: anomaly.end },
    },
  };
}
