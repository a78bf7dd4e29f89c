/** What a rule's alerts say about themselves: labels, summary, and the link to the evidence. */
import type { AlertRuleInput } from '../../../contract/index.ts';
import { subjectLabels, subjectText } from './anomaly-series.ts';

export function groupLabels(rule: AlertRuleInput, groupKey: string): Record<string, string> {
  const c = rule.condition;
  if (c.type === 'anomaly') return groupKey === '' ? {} : subjectLabels(groupKey);
  return c.type === 'query' && c.groupBy !== null && groupKey !== '' ? { [c.groupBy]: groupKey } : {};
}

const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Search or Audit trail over [start, end) narrowed to the group, as an SPA path. */
export function evidencePath(rule: AlertRuleInput, groupKey: string, start: number, end: number): string {
  const c = rule.condition;
  const params = new URLSearchParams();
  if (c.type === 'anomaly') {
    // The Anomalies view over the moment, narrowed to the kind and the rule's score floor.
    params.set('kind', c.kind);
    params.set('minScore', String(c.minScore));
    params.set('from', String(start));
    params.set('to', String(end));
    return `/anomalies?${params.toString()}`;
  }
  if (c.type === 'audit') {
    for (const name of c.traceNames) params.append('operation', name);
    for (const name of c.serviceTypes) params.append('service', name);
    for (const name of c.users) params.append('user', name);
    for (const ip of c.sourceIps) params.append('ip', ip);
    params.set('from', String(start));
    params.set('to', String(end));
    return `/audit?${params.toString()}`;
  }
  let q = c.query.trim();
  if (c.type === 'query' && c.groupBy !== null && groupKey !== '') {
    const narrow = c.groupBy === 'ip' ? quote(groupKey) : `${c.groupBy}:${quote(groupKey)}`;
    q = q === '' ? narrow : `(${q}) AND ${narrow}`;
  }
  if (q !== '') params.set('q', q);
  if (c.logGroups.length === 1 && c.logStreams.length > 0) {
    for (const stream of c.logStreams) params.append('stream', `${c.logGroups[0]}/${stream}`);
  } else {
    for (const group of c.logGroups) params.append('group', group);
  }
  params.set('from', String(start));
  params.set('to', String(end));
  return `/search?${params.toString()}`;
}

export function formatValue(rule: AlertRuleInput, value: number): string {
  if (rule.condition.type === 'anomaly') return `score ${Math.round(value)}`;
  return rule.condition.type === 'ratio' ? `${value.toFixed(1)} %` : String(Math.round(value * 100) / 100);
}

/** One line: what was seen against what the rule allows. */
export function summaryOf(rule: AlertRuleInput, groupKey: string, value: number, threshold: number | null, op: string): string {
  const c = rule.condition;
  const window = windowText(c.windowSeconds);
  const group = groupKey !== '' && c.type === 'query' && c.groupBy ? ` for ${c.groupBy}=${groupKey}` : '';
  switch (c.type) {
    case 'absence':
      return `${rule.name}: no matching line for ${window}`;
    case 'ratio':
      return `${rule.name}: ${formatValue(rule, value)} of lines in ${window} (${op} ${threshold} %)`;
    case 'audit':
      return `${rule.name}: ${formatValue(rule, value)} key event${value === 1 ? '' : 's'} in ${window} (${op} ${threshold})`;
    case 'query':
      return `${rule.name}: ${formatValue(rule, value)} lines in ${window}${group} (${op} ${threshold})`;
    case 'anomaly':
      return `${rule.name}: ${c.kind.replace(/_/g, ' ')} anomaly${groupKey !== '' ? ` of ${subjectText(groupKey)}` : ''}, ${formatValue(rule, value)} in ${window} (${op} ${threshold})`;
  }
}

export function windowText(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
