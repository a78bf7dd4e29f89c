// Each provisioned rule, replayed over 30 days of seeded demo data, catches the planted scenario
// it is meant for and nothing else.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../seed/index.ts';
import type { DemoScenario } from '../../seed/scenarios.ts';
import { openStore } from '../../storage/index.ts';
import type { SearchableStore } from '../../storage/ports.ts';
import { runBacktest } from './backtest.ts';
import { demoRules } from './demo-rules.ts';
import { checkRule } from './validate.ts';

const NOW = Date.UTC(2026, 10, 26, 10, 37);
const DAY = 86_400_000;
let dir: string;
let store: SearchableStore;
let scenarios: DemoScenario[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-demo-rules-'));
  store = await openStore({ kind: 'embedded', dataDir: dir });
  scenarios = (await seedDemoData(store, { lines: 40_000, days: 30, seed: 7, now: NOW })).scenarios;
}, 240_000);
afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Which scenarios each demo rule is meant to catch. */
const EXPECTED: Record<string, DemoScenario['name'][]> = {
  'SSH brute force': ['ssh-brute-force'],
  'Web shop 5xx ratio': ['5xx-burst'],
  'CTS key events': ['night-login-tracker-deleted', 'security-group-open-to-world', 'kms-key-deletion'],
  'Night-time sign-in from an unknown address': ['night-login-tracker-deleted'],
};

describe('demo rules', () => {
  it.each(demoRules().map((rule) => [rule.name, rule] as const))('%s fires for its scenario and nothing else in 30 days', async (name, rule) => {
    const scope = checkRule(rule, 60, await store.logs.listGroups());
    const result = await runBacktest(store, rule, scope, { from: NOW - 30 * DAY, to: NOW });
    expect(result.complete).toBe(true);
    const wanted = EXPECTED[name]!.map((id) => scenarios.find((s) => s.name === id)!);
    // An instance belongs to a scenario when it fires between the scenario's start and a window after its end.
    const window = rule.condition.windowSeconds * 1000 + rule.pendingSeconds * 1000 + 60_000;
    const caught = result.instances.map((instance) => wanted.find((s) => instance.start >= s.time && instance.start <= s.end + window)?.name ?? 'unexpected');
    expect(caught).toEqual(name === 'CTS key events' ? ['night-login-tracker-deleted', 'security-group-open-to-world', 'kms-key-deletion'] : EXPECTED[name]);
    expect(result.noiseWarning).toBeNull();
  });
});
