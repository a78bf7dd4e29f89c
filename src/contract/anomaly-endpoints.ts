import { defineEndpoint } from './endpoint.ts';
import {
  anomalyDetailQuerySchema,
  anomalyDetailSchema,
  anomalyFeedbackBodySchema,
  anomalyFeedbackSchema,
  anomalyIdParamsSchema,
  anomalyListQuerySchema,
  anomalyListSchema,
  anomalySeriesQuerySchema,
  anomalySeriesSchema,
  anomalySummaryQuerySchema,
  anomalySummarySchema,
} from './schemas/anomalies.ts';

/** The anomaly detector's endpoints (spread into the endpoint table). */
export const anomalyEndpoints = {
  listAnomalies: defineEndpoint({
    method: 'GET',
    path: '/api/anomalies',
    summary: 'Anomalies in log volumes, error ratios and audit behaviour, newest first or by score, with cursor paging',
    tags: ['anomalies'],
    access: ['analyst', 'admin'],
    query: anomalyListQuerySchema,
    output: anomalyListSchema,
  }),
  // Series and summary come before the detail: /api/anomalies/:id would also match their paths.
  anomalySeries: defineEndpoint({
    method: 'GET',
    path: '/api/anomalies/series',
    summary: 'One series with its expected band and score per bucket, for charting',
    tags: ['anomalies'],
    access: ['analyst', 'admin'],
    query: anomalySeriesQuerySchema,
    output: anomalySeriesSchema,
  }),
  anomalySummary: defineEndpoint({
    method: 'GET',
    path: '/api/anomalies/summary',
    summary: 'Anomalies per day and severity; managers get these counts only, without subjects',
    tags: ['anomalies'],
    access: ['analyst', 'admin', 'manager'],
    query: anomalySummaryQuerySchema,
    output: anomalySummarySchema,
  }),
  getAnomaly: defineEndpoint({
    method: 'GET',
    path: '/api/anomalies/:id',
    summary: 'One anomaly with its explanation and the CTS changes before it',
    tags: ['anomalies'],
    access: ['analyst', 'admin'],
    params: anomalyIdParamsSchema,
    query: anomalyDetailQuerySchema,
    output: anomalyDetailSchema,
  }),
  anomalyFeedback: defineEndpoint({
    method: 'POST',
    path: '/api/anomalies/:id/feedback',
    summary: 'Mark an anomaly expected (left out of future baselines) or confirmed, with a note',
    tags: ['anomalies'],
    access: ['analyst', 'admin'],
    params: anomalyIdParamsSchema,
    body: anomalyFeedbackBodySchema,
    output: anomalyFeedbackSchema,
  }),
} as const;
