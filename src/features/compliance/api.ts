import { queryOptions } from '@tanstack/react-query';
import { endpoints } from '../../contract/endpoints.ts';
import type { CheckId, CompliancePolicy, FrameworkId } from '../../contract/schemas/compliance.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { openStream } from '../../lib/api-stream.ts';

const DAY = 86_400_000;

export const complianceQueries = {
  frameworks: () => queryOptions({ queryKey: ['compliance', 'frameworks'], queryFn: ({ signal }) => apiRequest(endpoints.complianceFrameworks, {}, { signal }), staleTime: Infinity }),
  status: (framework: FrameworkId) =>
    queryOptions({ queryKey: ['compliance', 'status', framework], queryFn: ({ signal }) => apiRequest(endpoints.complianceStatus, { query: { framework } }, { signal }) }),
  trend: (framework: FrameworkId, days: number) =>
    queryOptions({
      queryKey: ['compliance', 'trend', framework, days],
      queryFn: ({ signal }) => {
        const to = Date.now();
        return apiRequest(endpoints.complianceTrend, { query: { framework, from: to - days * DAY, to } }, { signal });
      },
    }),
  check: (checkId: CheckId) =>
    queryOptions({ queryKey: ['compliance', 'check', checkId], queryFn: ({ signal }) => apiRequest(endpoints.complianceCheck, { params: { checkId } }, { signal }) }),
  schedules: () => queryOptions({ queryKey: ['compliance', 'schedules'], queryFn: ({ signal }) => apiRequest(endpoints.listComplianceSchedules, {}, { signal }) }),
  policy: () => queryOptions({ queryKey: ['compliance', 'policy'], queryFn: ({ signal }) => apiRequest(endpoints.getCompliancePolicy, {}, { signal }) }),
  signingKey: () => queryOptions({ queryKey: ['compliance', 'signing-key'], queryFn: ({ signal }) => apiRequest(endpoints.complianceSigningKey, {}, { signal }), staleTime: Infinity }),
};

export function createSchedule(body: { framework: FrameworkId; cadence: 'weekly' | 'monthly'; recipient: string }) {
  return apiRequest(endpoints.createComplianceSchedule, { body });
}

export function deleteSchedule(id: string) {
  return apiRequest(endpoints.deleteComplianceSchedule, { params: { id } });
}

export function savePolicy(body: CompliancePolicy) {
  return apiRequest(endpoints.putCompliancePolicy, { body });
}

/** Downloads the signed evidence pack of the last `days` days and hands it to the browser as a file. */
export async function downloadEvidence(framework: FrameworkId, days: number): Promise<{ filename: string; bytes: number }> {
  const to = Date.now();
  const response = await openStream(endpoints.complianceEvidence, { query: { framework, from: to - days * DAY, to } });
  const blob = await response.blob();
  const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `vigil-evidence-${framework}.zip`;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { filename, bytes: blob.size };
}

export function sendSchedule(id: string) {
  return apiRequest(endpoints.sendComplianceSchedule, { params: { id } });
}
