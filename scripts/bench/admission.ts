/**
 * Search admission under hostile load, through the HTTP API in process (real auth, store workers):
 * the demo tenant seeded at N lines over a year, then four users each running whole-window regex
 * searches back to back over all 400 days. Meanwhile a fifth user runs a simple newest-100 search
 * (24 h) and /api/health is polled; p50/p95 of both are reported, quiet and under load. Issue
 * target on the demo tenant: p95 under 100 ms (search) and 20 ms (health).
 */
import { seedDemoData } from '../../src/server/seed/index.ts';
import { createTestApp } from '../../src/server/testing/test-app.ts';

export interface AdmissionBenchOptions {
  lines: number;
  runs: number;
  log: (message: string) => void;
}

export interface Latency {
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export interface AdmissionBenchResult {
  lines: number;
  days: number;
  runs: number;
  quiet: { search: Latency; health: Latency };
  underLoad: { search: Latency; health: Latency };
  hostile: { scans: number; completed: number; statuses: Record<string, number>; p50Ms: number };
}

const DAY = 86_400_000;
/** The seed spans at most a year; the hostile scans ask for 400 days, as in the issue. */
const SEED_DAYS = 365;
const DAYS = 400;
const HOSTILE = '/(a|e|i|o|u)+.*(x|q){2}.*z$/i';
const SCANNERS = 4;

function latency(times: number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { p50Ms: at(50), p95Ms: at(95), maxMs: sorted.at(-1)! };
}

export async function runAdmissionBench(options: AdmissionBenchOptions): Promise<AdmissionBenchResult> {
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  const t = await createTestApp();
  try {
    options.log(`seeding ${options.lines.toLocaleString('en')} demo lines over ${SEED_DAYS} days…`);
    await seedDemoData(t.store, { lines: options.lines, days: SEED_DAYS, seed: 1, now });
    const token = (name: string) => ({ authorization: `Bearer ${t.state.tokens.create({ name, role: 'analyst', expiresInDays: 1 }, 'bench').secret}` });
    const reader = token('bench-reader');
    const simple = `/api/logs/search?q=GET&from=${now - DAY}&to=${now + 60_000}&limit=100`;
    const hostilePath = `/api/logs/search?q=${encodeURIComponent(HOSTILE)}&from=${now + 60_000 - DAYS * DAY}&to=${now + 60_000}&limit=100`;

    const time = async (path: string, headers: Record<string, string>): Promise<number> => {
      const started = performance.now();
      const response = await t.app.request(path, { headers });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      return performance.now() - started;
    };
    const measure = async () => {
      const search: number[] = [];
      const health: number[] = [];
      for (let run = 0; run < options.runs; run++) {
        search.push(await time(simple, reader));
        health.push(await time('/api/health', {}));
        await new Promise((r) => setTimeout(r, 50));
      }
      return { search: latency(search), health: latency(health) };
    };

    await time(simple, reader);
    await time('/api/health', {});
    options.log('  quiet');
    const quiet = await measure();

    options.log(`  under load: ${SCANNERS} users scanning ${DAYS} days with ${HOSTILE}`);
    let stop = false;
    const statuses: Record<string, number> = {};
    const scanTimes: number[] = [];
    const scanners = Array.from({ length: SCANNERS }, async (_, i) => {
      const headers = token(`bench-scanner-${i}`);
      while (!stop) {
        const started = performance.now();
        const response = await t.app.request(hostilePath, { headers });
        await response.arrayBuffer();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        if (response.status === 200) scanTimes.push(performance.now() - started);
        else await new Promise((r) => setTimeout(r, 250));
      }
    });
    // Let every scanner get its first scan going.
    await new Promise((r) => setTimeout(r, 500));
    const underLoad = await measure();
    stop = true;
    await Promise.all(scanners);
    const completed = scanTimes.length;
    return {
      lines: (await t.store.counts()).lines,
      days: SEED_DAYS,
      runs: options.runs,
      quiet,
      underLoad,
      hostile: { scans: SCANNERS, completed, statuses, p50Ms: completed > 0 ? latency(scanTimes).p50Ms : 0 },
    };
  } finally {
    await t.close();
  }
}

/** Runs alone: node scripts/bench/admission.ts [lines] [runs] */
if (import.meta.main) {
  const result = await runAdmissionBench({ lines: Number(process.argv[2] ?? 200_000), runs: Number(process.argv[3] ?? 30), log: console.log });
  console.log(JSON.stringify(result, null, 2));
}
