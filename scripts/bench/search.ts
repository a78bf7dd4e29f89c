/**
 * Search latency through the HTTP API, in process (`app.request`, real auth, contract validation,
 * store workers): the demo tenant seeded at N lines over 30 days, plus 50 planted lines holding
 * a rare token (as in store-bench.md). Each query runs once to warm up, then RUNS times; p50/p95
 * are reported. For scale, the same needles are counted with `rg -c -i` (ripgrep; `grep -c -i`
 * when rg is not installed, and the bench says so) over the raw lines of the same window,
 * exported once to temp files (the "brute-force reference"). Field queries have no exact rg
 * equivalent: their reference is the nearest regex (named in the output), which reads the same
 * bytes. Reference times include starting the process (~5-15 ms here); the page cache is warm
 * for both sides.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { seedDemoData } from '../../src/server/seed/index.ts';
import type { LineSearchPage } from '../../src/server/storage/ports.ts';
import { createTestApp, type TestApp } from '../../src/server/testing/test-app.ts';

export interface SearchBenchOptions {
  lines: number;
  runs: number;
  /** Prints progress (seeding takes minutes at millions of lines). */
  log: (message: string) => void;
}

export interface SearchMeasurement {
  name: string;
  path: string;
  p50Ms: number;
  p95Ms: number;
  /** What the last response said about itself. */
  result: string;
  grep?: { needle: string; window: Window; ms: number; count: number; tool: string };
}

type Window = '24h' | '7d' | '30d';

export interface SearchBenchResult {
  lines: number;
  seedSeconds: number;
  exportSeconds: number;
  exportBytes: Record<Window, number>;
  runs: number;
  queries: SearchMeasurement[];
}

const DAY = 86_400_000;
const RARE = 'quokka7731';

interface Case {
  name: string;
  path: string;
  /** `regex`: the needle is a regular expression (field queries), else a fixed string. */
  grep?: { needle: string; window: Window; regex?: boolean };
}

/** ripgrep when installed, else grep; the bench prints which. */
export const REFERENCE_TOOL = spawnSync('rg', ['--version']).status === 0 ? 'rg' : 'grep';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function describeResponse(body: Record<string, unknown>): string {
  const parts: string[] = [];
  if (Array.isArray(body.lines)) parts.push(`${body.lines.length} lines`);
  else if (typeof body.lines === 'number') parts.push(`over ${body.lines} lines`);
  if (Array.isArray(body.buckets)) parts.push(`${body.buckets.length} buckets`);
  if (typeof body.total === 'number') parts.push(`total ${body.total}`);
  if (typeof body.scanned === 'number') parts.push(`scanned ${body.scanned}`);
  parts.push(body.complete === false ? `incomplete${body.truncatedReason ? ` (${String(body.truncatedReason)})` : ''}` : 'complete');
  return parts.join(', ');
}

/**
 * Raw content of every line of the last 30 days, one per line, read from the store in id order
 * (straight from the port: the API's 1000-line pages would make this the slowest part), into
 * one file per window (the 24h and 7d files hold the newer lines again).
 */
async function exportWindows(t: TestApp, now: number, files: Record<Window, string>): Promise<Record<Window, number>> {
  const starts: Record<Window, number> = { '24h': now - DAY, '7d': now - 7 * DAY, '30d': now - 30 * DAY };
  const windows = Object.keys(files) as Window[];
  const outs = windows.map((window) => ({ window, out: createWriteStream(files[window]) }));
  const all = { kind: 'all' as const, span: { start: 0, end: 0 } };
  let position: string | null = null;
  do {
    const page: LineSearchPage = await t.store.search.searchLines({
      query: all, from: starts['30d'], to: now + 60_000, streamIds: null, order: 'newest', limit: 10_000, position, budget: { maxRows: 1e9, maxMs: 60_000 },
    });
    for (const line of page.lines) {
      const text = `${line.content.replace(/\n/g, ' ')}\n`;
      for (const { window, out } of outs) {
        if (line.time >= starts[window] && !out.write(text)) await once(out, 'drain');
      }
    }
    position = page.next;
  } while (position !== null);
  const sizes = {} as Record<Window, number>;
  for (const { window, out } of outs) {
    out.end();
    await once(out, 'finish');
    sizes[window] = (await stat(files[window])).size;
  }
  return sizes;
}

function grepCount(needle: string, file: string, regex: boolean): { ms: number; count: number; tool: string } {
  const args = REFERENCE_TOOL === 'rg' ? ['-c', '-i', ...(regex ? [] : ['-F']), '-e', needle, file] : ['-c', '-i', regex ? '-E' : '-F', '-e', needle, file];
  const started = performance.now();
  const result = spawnSync(REFERENCE_TOOL, args, { encoding: 'utf8' });
  const ms = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${REFERENCE_TOOL} failed: ${result.stderr}`);
  return { ms, count: Number(result.stdout.trim() || '0'), tool: REFERENCE_TOOL };
}

export async function runSearchBench(options: SearchBenchOptions): Promise<SearchBenchResult> {
  const now = Math.floor(Date.now() / 60_000) * 60_000;
  const t = await createTestApp();
  try {
    options.log(`seeding ${options.lines.toLocaleString('en')} demo lines over 30 days…`);
    const seedStarted = performance.now();
    await seedDemoData(t.store, { lines: options.lines, days: 30, seed: 1, now });
    const group = await t.store.logs.ensureGroup({ name: 'bench', ttlInDays: 30 });
    const stream = await t.store.logs.ensureStream({ groupId: group.id, name: 'planted' });
    const planted = Array.from({ length: 50 }, (_, i) => ({ time: now - Math.floor(((i + 0.5) / 50) * 30 * DAY), content: `session token ${RARE} issued to svc-${i}`, labels: { level: 'INFO' } }));
    await t.store.logs.appendLines(stream.id, planted.sort((a, b) => a.time - b.time));
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    // API tokens verify by lookup, so the measurement is the search, not signing a DPoP proof.
    const { secret } = t.state.tokens.create({ name: 'bench', role: 'analyst', expiresInDays: 1 }, 'bench');
    const auth = { authorization: `Bearer ${secret}` };
    const day = `from=${now - DAY}&to=${now + 60_000}`;
    const month = `from=${now - 30 * DAY}&to=${now + 60_000}`;
    const week = `from=${now - 7 * DAY}&to=${now + 60_000}`;
    const q = encodeURIComponent;

    options.log('exporting raw lines for the grep reference…');
    const exportStarted = performance.now();
    const files: Record<Window, string> = { '24h': join(t.dataDir, 'day.txt'), '7d': join(t.dataDir, 'week.txt'), '30d': join(t.dataDir, 'month.txt') };
    const exportBytes = await exportWindows(t, now, files);
    const exportSeconds = (performance.now() - exportStarted) / 1000;

    const cases: Case[] = [
      { name: 'newest 100 "GET", 24h', path: `/api/logs/search?q=GET&${day}`, grep: { needle: 'GET', window: '24h' } },
      { name: 'newest 100 "GET", 30d', path: `/api/logs/search?q=GET&${month}`, grep: { needle: 'GET', window: '30d' } },
      { name: `rare term ${RARE}, 30d`, path: `/api/logs/search?q=${RARE}&${month}`, grep: { needle: RARE, window: '30d' } },
      { name: 'status>=500 count (histogram), 30d', path: `/api/logs/histogram?q=${q('status>=500')}&${month}`, grep: { needle: '" 5[0-9][0-9] |"status": ?5[0-9][0-9]', window: '30d', regex: true } },
      { name: 'status>=500 newest 100, 30d', path: `/api/logs/search?q=${q('status>=500')}&${month}`, grep: { needle: '" 5[0-9][0-9] |"status": ?5[0-9][0-9]', window: '30d', regex: true } },
      { name: 'duration_ms>1000 newest 100, 30d', path: `/api/logs/search?q=${q('duration_ms>1000')}&${month}`, grep: { needle: '"duration_ms": ?[1-9][0-9]{3}', window: '30d', regex: true } },
      { name: 'status:503 AND upstream histogram, 7d', path: `/api/logs/histogram?q=${q('status:503 AND upstream')}&${week}`, grep: { needle: 'upstream', window: '7d' } },
      { name: 'level:ERROR AND duration_ms>1000, 30d', path: `/api/logs/search?q=${q('level:ERROR AND duration_ms>1000')}&${month}`, grep: { needle: '"duration_ms": ?[1-9][0-9]{3}', window: '30d', regex: true } },
      { name: 'infix *okka77*, 30d', path: `/api/logs/search?q=${q('*okka77*')}&${month}`, grep: { needle: 'okka77', window: '30d' } },
      { name: 'infix *admin*, 24h', path: `/api/logs/search?q=${q('*admin*')}&${day}`, grep: { needle: 'admin', window: '24h' } },
      { name: 'level:ERROR AND timeout, 30d', path: `/api/logs/search?q=${q('level:ERROR AND timeout')}&${month}`, grep: { needle: 'timeout', window: '30d' } },
      { name: 'histogram, all lines, 7d', path: `/api/logs/histogram?${week}` },
      { name: 'histogram "Failed password", 7d', path: `/api/logs/histogram?q=${q('"Failed password"')}&${week}`, grep: { needle: 'Failed password', window: '7d' } },
      { name: 'facets, all lines, 24h', path: `/api/logs/facets?${day}` },
      { name: 'facets "GET", 24h', path: `/api/logs/facets?q=GET&${day}` },
    ];

    const queries: SearchMeasurement[] = [];
    for (const entry of cases) {
      options.log(`  ${entry.name}`);
      let body: Record<string, unknown> = {};
      const times: number[] = [];
      for (let run = 0; run <= options.runs; run++) {
        const started = performance.now();
        const response = await t.app.request(entry.path, { headers: auth });
        body = (await response.json()) as Record<string, unknown>;
        if (response.status !== 200) throw new Error(`${entry.path}: ${response.status} ${JSON.stringify(body)}`);
        if (run > 0) times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const grep = entry.grep ? { needle: entry.grep.needle, window: entry.grep.window, ...grepCount(entry.grep.needle, files[entry.grep.window], entry.grep.regex ?? false) } : undefined;
      queries.push({ name: entry.name, path: entry.path, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), result: describeResponse(body), ...(grep ? { grep } : {}) });
    }
    for (const file of Object.values(files)) await rm(file, { force: true });
    return { lines: (await t.store.counts()).lines, seedSeconds, exportSeconds, exportBytes, runs: options.runs, queries };
  } finally {
    await t.close();
  }
}
