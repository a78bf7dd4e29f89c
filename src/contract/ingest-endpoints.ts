import { z } from 'zod';
import { defineEndpoint } from './endpoint.ts';
import { createdIngestTokenSchema, createIngestTokenSchema, ingestOverviewSchema, ingestTokenSchema } from './schemas/ingest.ts';

/** Admin endpoints of the live receivers (the receivers themselves speak OTLP and LTS, not this API). */
export const ingestEndpoints = {
  ingestOverview: defineEndpoint({
    method: 'GET',
    path: '/api/admin/ingest',
    summary: 'Receivers: lines received, committed, rejected by reason, queue depth; and the ingest tokens',
    tags: ['admin'],
    access: ['admin'],
    output: ingestOverviewSchema,
  }),
  createIngestToken: defineEndpoint({
    method: 'POST',
    path: '/api/admin/ingest-tokens',
    summary: 'Create a token that may only push lines to the given log groups; the secret is returned once',
    tags: ['admin'],
    access: ['admin'],
    mfa: true,
    body: createIngestTokenSchema,
    output: createdIngestTokenSchema,
    status: 201,
  }),
  revokeIngestToken: defineEndpoint({
    method: 'DELETE',
    path: '/api/admin/ingest-tokens/:tokenId',
    summary: 'Revoke an ingest token',
    tags: ['admin'],
    access: ['admin'],
    mfa: true,
    params: z.strictObject({ tokenId: z.string().uuid() }),
    output: ingestTokenSchema,
  }),
};
