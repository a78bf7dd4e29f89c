/**
 * The Alerts view's state in the URL: which tab, which rule is open in the editor (`new` for a
 * rule being written), and the alert event filters. The header's keys (range, from, to, tz) are kept.
 */
export type AlertsTab = 'rules' | 'events' | 'silences' | 'channels' | 'deliveries' | 'summary';
const TABS: readonly AlertsTab[] = ['rules', 'events', 'silences', 'channels', 'deliveries', 'summary'];

export interface EventFilters {
  state: '' | 'firing' | 'resolved';
  severity: '' | 'critical' | 'major' | 'minor' | 'info';
  acknowledged: '' | 'true' | 'false';
}

export interface AlertsState {
  tab: AlertsTab;
  rule: string | null;
  events: EventFilters;
}

const STATES = ['firing', 'resolved'] as const;
const SEVERITIES = ['critical', 'major', 'minor', 'info'] as const;
const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | '' => (allowed.includes(value as T) ? (value as T) : '');

export function readAlertsState(params: URLSearchParams): AlertsState {
  const rule = params.get('rule');
  return {
    tab: TABS.includes(params.get('tab') as AlertsTab) ? (params.get('tab') as AlertsTab) : 'rules',
    rule: rule !== null && /^[A-Za-z0-9-]{1,64}$/.test(rule) ? rule : null,
    events: {
      state: pick(params.get('state'), STATES),
      severity: pick(params.get('severity'), SEVERITIES),
      acknowledged: pick(params.get('ack'), ['true', 'false'] as const),
    },
  };
}

export function writeAlertsState(params: URLSearchParams, patch: Partial<AlertsState>): URLSearchParams {
  const state = { ...readAlertsState(params), ...patch };
  const next = new URLSearchParams(params);
  const set = (key: string, value: string) => (value ? next.set(key, value) : next.delete(key));
  set('tab', state.tab === 'rules' ? '' : state.tab);
  set('rule', state.tab === 'rules' ? (state.rule ?? '') : '');
  set('state', state.events.state);
  set('severity', state.events.severity);
  set('ack', state.events.acknowledged);
  return next;
}
