/**
 * Backtest latency: each demo alert rule replayed over 30 days of the demo tenant seeded at N
 * lines, in process through the service (the route adds only validation). One warm-up run, then
 * RUNS runs; p50/p95 reported with the instances found (target: under 2 s at 1M lines).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoData } from '../../src/server/seed/index.ts';
import { runBacktest } from '../../src/server/services/alerts/backtest.ts';
import { demoRules } from '../../src/server/services/alerts/demo-rules.ts';
import { checkRule } from '../../src/server/services/alerts/validate.ts';
import { openStore } from '../../src/server/storage/index.ts';

export interface AlertBenchResult {
  lines: number;
  seedSeconds: number;
  runs: number;
  targetMs: number;
  rules: { name: string; p50Ms: number; p95Ms: number; instances: number; complete: boolean }[];
}

const DAY = 86_400_000;

export async function runAlertBench({ lines, runs, log }: { lines: number; runs: number; log: (message: string) => void }): Promise<AlertBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-bench-alerts-'));
  const store = await openStore({ kind: 'embedded', dataDir: dir });
  try {
    log(`alerts: seeding ${lines.toLocaleString('en')} demo lines…`);
    const started = performance.now();
    const summary = await seedDemoData(store, { lines, days: 30 });
    const seedSeconds = (performance.now() - started) / 1000;
    const groups = await store.logs.listGroups();
    const result: AlertBenchResult = { lines, seedSeconds, runs, targetMs: 2_000, rules: [] };
    for (const rule of demoRules()) {
      const scope = checkRule(rule, 60, groups);
      const range = { from: summary.to - 30 * DAY, to: summary.to };
      let last = await runBacktest(store, rule, scope, range);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        last = await runBacktest(store, rule, scope, range);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
      result.rules.push({ name: rule.name, p50Ms: at(0.5), p95Ms: at(0.95), instances: last.instances.length, complete: last.complete });
    }
    return result;
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
