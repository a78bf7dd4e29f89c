/**
 * Anomaly detection on the seeded demo tenant (30 days, N lines): the time to judge every series
 * of the 30 days (a fresh detector each run, so nothing is cached; the first run also loads the
 * reader's trace columns); the background pass as the server runs it every few minutes (one
 * detector, baselines kept between passes), after 200 new lines in one stream; the CPU time of
 * both (all threads, so the figure does not depend on the machine's load as the wall time does);
 * and GET /api/anomalies/series latency through the HTTP API in
 * process (real auth, contract validation, store workers) for the chart windows the view asks for.
 */
import { seedDemoData, currentMinute } from '../../src/server/seed/index.ts';
import { AnomalyDetector } from '../../src/server/services/anomalies/detector.ts';
import { createTestApp } from '../../src/server/testing/test-app.ts';

export interface AnomalyBenchResult {
  lines: number;
  traces: number;
  seedSeconds: number;
  anomalies: number;
  firstDetectMs: number;
  detectMs: number[];
  detectCpuMs: number[];
  /** Background passes after new lines arrived: wall and CPU ms, baselines reused/computed. */
  refresh: { ms: number; cpuMs: number; baselinesReused: number; baselinesComputed: number }[];
  targetDetectMs: number;
  series: { name: string; p50Ms: number; p95Ms: number; points: number }[];
  targetSeriesP95Ms: number;
}

const DAY = 86_400_000;

/** CPU time of the process (every thread, user and system) since `start`. */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function runAnomalyBench(options: { lines: number; runs: number; log: (message: string) => void }): Promise<AnomalyBenchResult> {
  const now = currentMinute();
  const t = await createTestApp({ now: () => now });
  try {
    options.log(`anomalies: seeding the demo tenant with ${options.lines.toLocaleString('en')} lines…`);
    const seedStarted = performance.now();
    const summary = await seedDemoData(t.store, { lines: options.lines, now });
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const detectOnce = async () => {
      const detector = new AnomalyDetector({ store: t.store, feedback: t.state.anomalyFeedback, now: () => now });
      const cpu = process.cpuUsage();
      const started = performance.now();
      const result = await detector.detect({ from: now - 30 * DAY, to: now });
      return { ms: performance.now() - started, cpuMs: cpuMsSince(cpu), anomalies: result.anomalies.length };
    };
    const first = await detectOnce();
    const detectMs: number[] = [];
    const detectCpuMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await detectOnce();
      detectMs.push(run.ms);
      detectCpuMs.push(run.cpuMs);
    }

    // The background pass: the first fills the baseline cache, later ones follow new lines.
    const background = new AnomalyDetector({ store: t.store, feedback: t.state.anomalyFeedback, now: () => now });
    await background.refresh();
    const groups = await t.store.logs.listGroups();
    const access = groups.find((g) => g.log_group_name === 'ecs-prod')!.log_streams.find((s) => s.log_stream_name === 'nginx-access')!;
    const refresh: AnomalyBenchResult['refresh'] = [];
    for (let i = 0; i < 3; i++) {
      const lines = Array.from({ length: 200 }, (_, k) => ({ time: now - 60_000 - k * 100, content: `bench line ${i}-${k}`, labels: { level: 'INFO' } }));
      await t.store.logs.appendLines(access.log_stream_id, lines);
      const cpu = process.cpuUsage();
      await background.refresh();
      const pass = background.lastPass!;
      refresh.push({ ms: pass.ms, cpuMs: cpuMsSince(cpu), baselinesReused: pass.baselinesReused, baselinesComputed: pass.baselinesComputed });
    }

    const { secret } = t.state.tokens.create({ name: 'bench', role: 'analyst', expiresInDays: 1 }, 'bench');
    const brute = summary.scenarios.find((s) => s.name === 'ssh-brute-force')!;
    const cases = [
      { name: 'log volume, 30 h around an anomaly (5-min points)', path: `/api/anomalies/series?kind=log_volume&group=ecs-prod&stream=auth&from=${brute.time - DAY}&to=${brute.time + 6 * 3_600_000}` },
      { name: 'error ratio, 7 days (5-min points)', path: `/api/anomalies/series?kind=log_error_ratio&group=ecs-prod&stream=nginx-access&from=${now - 7 * DAY}&to=${now}` },
      { name: 'audit behaviour of a user, 4 days (hourly)', path: `/api/anomalies/series?kind=audit_behaviour&user=tobias.becker&from=${brute.time - 3 * DAY}&to=${brute.time + DAY}` },
    ];
    const series: AnomalyBenchResult['series'] = [];
    for (const c of cases) {
      const times: number[] = [];
      let points = 0;
      for (let i = 0; i <= options.runs; i++) {
        const started = performance.now();
        const response = await t.app.request(c.path, { headers: { authorization: `Bearer ${secret}` } });
        const body = (await response.json()) as { points?: unknown[] };
        if (response.status !== 200) throw new Error(`${c.path}: ${response.status} ${JSON.stringify(body)}`);
        if (i > 0) times.push(performance.now() - started);
        points = body.points?.length ?? 0;
      }
      times.sort((a, b) => a - b);
      series.push({ name: c.name, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), points });
    }
    return { lines: summary.lines, traces: summary.traces, seedSeconds, anomalies: first.anomalies, firstDetectMs: first.ms, detectMs, detectCpuMs, refresh, targetDetectMs: 1_000, series, targetSeriesP95Ms: 100 };
  } finally {
    await t.close();
  }
}
