export * from './roles.ts';
export * from './errors.ts';
export * from './endpoint.ts';
export * from './endpoints.ts';
export * from './schemas/common.ts';
export * from './schemas/health.ts';
export * from './schemas/log-groups.ts';
export * from './schemas/traces.ts';
