import { anomalyEndpoints } from './anomaly-endpoints.ts';
import { alertEndpoints } from './alert-endpoints.ts';
import { defineEndpoint } from './endpoint.ts';
import { z } from 'zod';
import { complianceEndpoints } from './compliance-endpoints.ts';
import { apiTokenListSchema, apiTokenSchema, createApiTokenSchema, createdApiTokenSchema } from './schemas/api-tokens.ts';
import { auditPageSchema, auditQuerySchema, auditVerificationSchema } from './schemas/audit.ts';
import { authConfigSchema, meSchema } from './schemas/auth.ts';
import { healthSchema } from './schemas/health.ts';
import { ingestEndpoints } from './ingest-endpoints.ts';
import { forwardEndpoints } from './forward-endpoints.ts';
import { logGroupListSchema } from './schemas/log-groups.ts';
import { notifyEndpoints } from './notify-endpoints.ts';
import {
  logContextQuerySchema,
  logContextSchema,
  logFacetsQuerySchema,
  logFacetsSchema,
  logHistogramQuerySchema,
  logHistogramSchema,
  logSearchPageSchema,
  logSearchQuerySchema,
} from './schemas/log-search.ts';
import { logExportQuerySchema, logExportRowSchema, logTailEventSchema, logTailQuerySchema } from './schemas/log-export.ts';
import {
  createSavedSearchSchema,
  savedSearchIdParamsSchema,
  savedSearchListSchema,
  savedSearchSchema,
  updateSavedSearchSchema,
} from './schemas/saved-searches.ts';
import {
  traceDetailSchema,
  traceFacetsQuerySchema,
  traceFacetsSchema,
  traceIdParamsSchema,
  traceListQuerySchema,
  traceListSchema,
  traceTimelineQuerySchema,
  traceTimelineSchema,
} from './schemas/trace-query.ts';

const everyRole = ['analyst', 'admin', 'manager'] as const;

/** Every endpoint of the Vigil API. The BFF must implement each one (checked by the compiler). */
export const endpoints = {
  ...ingestEndpoints,
  ...forwardEndpoints,
  health: defineEndpoint({
    method: 'GET',
    path: '/api/health',
    summary: 'Service health, version and what the store holds',
    tags: ['system'],
    access: 'public',
    output: healthSchema,
  }),
  authConfig: defineEndpoint({
    method: 'GET',
    path: '/api/auth/config',
    summary: 'How to sign in: issuer, client id, scopes, DPoP and step-up settings',
    tags: ['auth'],
    access: 'public',
    output: authConfigSchema,
  }),
  me: defineEndpoint({
    method: 'GET',
    path: '/api/me',
    summary: 'The signed-in caller as the server sees it: subject, name, roles, multi-factor',
    tags: ['auth'],
    access: 'authenticated',
    output: meSchema,
  }),
  listLogGroups: defineEndpoint({
    method: 'GET',
    path: '/api/log-groups',
    summary: 'Log groups with their streams, retention (ttl_in_days) and line counts',
    tags: ['logs'],
    access: everyRole,
    output: logGroupListSchema,
  }),
  listApiTokens: defineEndpoint({
    method: 'GET',
    path: '/api/admin/tokens',
    summary: 'API tokens for automation (never their secrets)',
    tags: ['admin'],
    access: ['admin'],
    output: apiTokenListSchema,
  }),
  createApiToken: defineEndpoint({
    method: 'POST',
    path: '/api/admin/tokens',
    summary: 'Create an API token with one role and an expiry; the secret is returned once',
    tags: ['admin'],
    access: ['admin'],
    mfa: true,
    body: createApiTokenSchema,
    output: createdApiTokenSchema,
    status: 201,
  }),
  revokeApiToken: defineEndpoint({
    method: 'DELETE',
    path: '/api/admin/tokens/:tokenId',
    summary: 'Revoke an API token',
    tags: ['admin'],
    access: ['admin'],
    mfa: true,
    params: z.strictObject({ tokenId: z.string().uuid() }),
    output: apiTokenSchema,
  }),
  listAudit: defineEndpoint({
    method: 'GET',
    path: '/api/audit',
    summary: "Vigil's own audit trail, newest first, with filters and cursor paging",
    tags: ['admin'],
    access: ['admin'],
    query: auditQuerySchema,
    output: auditPageSchema,
  }),
  verifyAudit: defineEndpoint({
    method: 'GET',
    path: '/api/audit/verify',
    summary: 'Verify the hash chain of the audit trail; names the first broken record',
    tags: ['admin'],
    access: ['admin'],
    output: auditVerificationSchema,
  }),
  searchLogs: defineEndpoint({
    method: 'GET',
    path: '/api/logs/search',
    summary: 'Search log lines with the query language; newest or oldest first, cursor paging, highlights',
    tags: ['logs'],
    // Raw lines can hold personal data: managers see aggregated trends only.
    access: ['analyst', 'admin'],
    query: logSearchQuerySchema,
    output: logSearchPageSchema,
  }),
  logHistogram: defineEndpoint({
    method: 'GET',
    path: '/api/logs/histogram',
    summary: 'Matching lines per time bucket (60-120 buckets) and level, with the exact total',
    tags: ['logs'],
    access: ['analyst', 'admin'],
    query: logHistogramQuerySchema,
    output: logHistogramSchema,
  }),
  logFacets: defineEndpoint({
    method: 'GET',
    path: '/api/logs/facets',
    summary: 'Top values of level, hostName, appName, stream and requested fields over the matching lines',
    tags: ['logs'],
    access: ['analyst', 'admin'],
    query: logFacetsQuerySchema,
    output: logFacetsSchema,
  }),
  logContext: defineEndpoint({
    method: 'GET',
    path: '/api/logs/context',
    summary: 'The lines just before and after one line in its stream',
    tags: ['logs'],
    access: ['analyst', 'admin'],
    query: logContextQuerySchema,
    output: logContextSchema,
  }),
  exportLogs: defineEndpoint({
    method: 'GET',
    path: '/api/logs/export',
    summary: 'Download the matching lines of a fixed window as CSV or NDJSON, newest first, up to a stated row cap',
    tags: ['logs'],
    access: ['analyst', 'admin'],
    query: logExportQuerySchema,
    output: logExportRowSchema,
    streamed: { contentTypes: ['text/csv', 'application/x-ndjson'] },
  }),
  tailLogs: defineEndpoint({
    method: 'GET',
    path: '/api/logs/tail',
    summary: 'Live tail as Server-Sent Events: new matching lines as they arrive, resumable with Last-Event-ID',
    tags: ['logs'],
    access: ['analyst', 'admin'],
    query: logTailQuerySchema,
    output: logTailEventSchema,
    streamed: { contentTypes: ['text/event-stream'] },
  }),
  listSavedSearches: defineEndpoint({
    method: 'GET',
    path: '/api/saved-searches',
    summary: "The caller's saved searches and those other analysts shared",
    tags: ['logs'],
    access: ['analyst', 'admin'],
    output: savedSearchListSchema,
  }),
  createSavedSearch: defineEndpoint({
    method: 'POST',
    path: '/api/saved-searches',
    summary: 'Save a search (query, range, groups, streams), optionally shared with all analysts',
    tags: ['logs'],
    access: ['analyst', 'admin'],
    body: createSavedSearchSchema,
    output: savedSearchSchema,
    status: 201,
  }),
  updateSavedSearch: defineEndpoint({
    method: 'PATCH',
    path: '/api/saved-searches/:id',
    summary: 'Rename, re-share or replace a saved search; only its owner may',
    tags: ['logs'],
    access: ['analyst', 'admin'],
    params: savedSearchIdParamsSchema,
    body: updateSavedSearchSchema,
    output: savedSearchSchema,
  }),
  deleteSavedSearch: defineEndpoint({
    method: 'DELETE',
    path: '/api/saved-searches/:id',
    summary: 'Delete a saved search; only its owner may',
    tags: ['logs'],
    access: ['analyst', 'admin'],
    params: savedSearchIdParamsSchema,
    output: savedSearchSchema,
  }),
  listTraces: defineEndpoint({
    method: 'GET',
    path: '/api/traces',
    summary: 'CTS traces newest first, with CTS-named filters, signals per trace and cursor paging',
    tags: ['traces'],
    access: ['analyst', 'admin'],
    query: traceListQuerySchema,
    output: traceListSchema,
  }),
  // Timeline and facets come before the detail: /api/traces/:traceId would also match their paths.
  traceTimeline: defineEndpoint({
    method: 'GET',
    path: '/api/traces/timeline',
    summary: 'Trace counts per time bucket by rating, and the single traces when few enough to draw; masked for managers',
    tags: ['traces'],
    access: ['analyst', 'admin', 'manager'],
    query: traceTimelineQuerySchema,
    output: traceTimelineSchema,
  }),
  traceFacets: defineEndpoint({
    method: 'GET',
    path: '/api/traces/facets',
    summary: 'Top users, source IPs, services, operations and resource types for the filters',
    tags: ['traces'],
    access: ['analyst', 'admin'],
    query: traceFacetsQuerySchema,
    output: traceFacetsSchema,
  }),
  getTrace: defineEndpoint({
    method: 'GET',
    path: '/api/traces/:traceId',
    summary: 'One trace with its bodies (secrets redacted), signals and the log search around it',
    tags: ['traces'],
    access: ['analyst', 'admin'],
    params: traceIdParamsSchema,
    output: traceDetailSchema,
  }),
  ...anomalyEndpoints,
  ...alertEndpoints,
  ...notifyEndpoints,
  ...complianceEndpoints,
} as const;

export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;
