/** Deterministic demo data: a small OTC tenant's logs and CTS traces with planted incidents. */
export { seedDemoData, StoreNotEmptyError, currentMinute, DEFAULT_DAYS, DEFAULT_LINES, DEFAULT_SEED } from './seed-demo-data.ts';
export type { SeedOptions, SeedProgress, SeedSummary } from './seed-demo-data.ts';
export { generateDemoData, planDemoData, traceCountFor, traceToLine, MIN_DAYS, MIN_LINES } from './generate.ts';
export type { DemoBatch, DemoPlan, PlanOptions } from './generate.ts';
export { demoScenarios } from './scenarios.ts';
export type { DemoScenario } from './scenarios.ts';
export { BRUTE_FORCE_IP, NEVER_SEEN_IP } from './actors.ts';
