import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { endpoints } from '../../contract/endpoints.ts';
import type { AlertRuleInputRaw } from '../../contract/schemas/alert-rules.ts';
import { apiRequest } from '../../lib/api-client.ts';
import type { EventFilters } from './url.ts';

export const alertQueries = {
  rules: () =>
    queryOptions({
      queryKey: ['alerts', 'rules'],
      queryFn: ({ signal }) => apiRequest(endpoints.listAlertRules, {}, { signal }),
      refetchInterval: 30_000,
    }),
  rule: (id: string) =>
    queryOptions({
      queryKey: ['alerts', 'rule', id],
      queryFn: ({ signal }) => apiRequest(endpoints.getAlertRule, { params: { id } }, { signal }),
    }),
  backtest: (rule: AlertRuleInputRaw, from: number, to: number) =>
    queryOptions({
      queryKey: ['alerts', 'backtest', rule, from, to],
      queryFn: ({ signal }) => apiRequest(endpoints.backtestAlertRule, { body: { rule: rule as Record<string, unknown>, from, to } }, { signal }),
      placeholderData: keepPreviousData,
      staleTime: 60_000,
    }),
  summary: (from: number, to: number) =>
    queryOptions({
      queryKey: ['alerts', 'summary', from, to],
      queryFn: ({ signal }) => apiRequest(endpoints.alertSummary, { query: { from, to } }, { signal }),
      refetchInterval: 60_000,
    }),
  events: (filters: EventFilters) =>
    queryOptions({
      queryKey: ['alerts', 'events', filters],
      queryFn: ({ signal }) =>
        apiRequest(
          endpoints.listAlertEvents,
          {
            query: {
              limit: 200,
              ...(filters.state ? { state: filters.state } : {}),
              ...(filters.severity ? { severity: filters.severity } : {}),
              ...(filters.acknowledged ? { acknowledged: filters.acknowledged } : {}),
            },
          },
          { signal },
        ),
      refetchInterval: 15_000,
    }),
};

export function saveRule(id: string | null, rule: AlertRuleInputRaw, etag: string | null) {
  if (id === null) return apiRequest(endpoints.createAlertRule, { body: rule });
  return apiRequest(endpoints.updateAlertRule, { params: { id }, body: rule }, { headers: etag ? { 'If-Match': etag } : {} });
}

export function deleteRule(id: string, etag: string) {
  return apiRequest(endpoints.deleteAlertRule, { params: { id } }, { headers: { 'If-Match': etag } });
}

export function acknowledgeEvent(id: string, note: string) {
  return apiRequest(endpoints.ackAlertEvent, { params: { id }, body: { note } });
}
