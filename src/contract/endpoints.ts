import { z } from 'zod';
import { defineEndpoint } from './endpoint.ts';
import { authConfigSchema, meSchema } from './schemas/auth.ts';
import { healthSchema } from './schemas/health.ts';
import { logGroupListSchema } from './schemas/log-groups.ts';

const everyRole = ['analyst', 'admin', 'manager'] as const;

/** Every endpoint of the Vigil API. The BFF must implement each one (checked by the compiler). */
export const endpoints = {
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
    query: z.object({}),
    output: logGroupListSchema,
  }),
} as const;

export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;
