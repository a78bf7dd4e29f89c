/**
 * `npm run bench`: ingest rate with the FTS index live, store size per million lines and the
 * SPA's initial download, printed as a table and written to bench-results/latest.json.
 * Then search latency through the HTTP API on a seeded demo store (scripts/bench/search.ts).
 * Then the audit trail (CTS traces) through the HTTP API over generated traces (scripts/bench/traces.ts).
 *   node scripts/bench.ts [--lines N] [--batch N] [--seed N] [--search-lines N] [--search-runs N] [--traces N]
 * --search-lines 0 skips the search part. Seeding runs at the ingest rate (~25k lines/s), so the
 * 5 M lines the search target names take 4-5 minutes to seed before measuring.
 * --traces 0 skips the trace part; 1 M traces take about 70-80 s to ingest (~14k traces/s).
 * Then search admission under four hostile scanners (scripts/bench/admission.ts); --admission-lines 0 skips it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runIngest } from './bench/ingest.ts';
import { runAdmissionBench } from './bench/admission.ts';
import { runSearchBench } from './bench/search.ts';
import { runTraceBench } from './bench/traces.ts';
import { measureSpa } from './bench/spa-size.ts';

const TARGET_LINES_PER_SECOND = 25_000;

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${flag} needs a positive integer, got "${value}"`);
  return n;
}

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '200000' },
    batch: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '20261126' },
    'search-lines': { type: 'string', default: '500000' },
    'search-runs': { type: 'string', default: '20' },
    traces: { type: 'string', default: '200000' },
    'admission-lines': { type: 'string', default: '200000' },
  },
});
const lines = positiveInt(values.lines, '--lines');
const batchSize = positiveInt(values.batch, '--batch');
const seed = positiveInt(values.seed, '--seed');
const searchLines = values['search-lines'] === '0' ? 0 : positiveInt(values['search-lines'], '--search-lines');
const searchRuns = positiveInt(values['search-runs'], '--search-runs');
const traceCount = values.traces === '0' ? 0 : positiveInt(values.traces, '--traces');
const admissionLines = values['admission-lines'] === '0' ? 0 : positiveInt(values['admission-lines'], '--admission-lines');
const root = resolve(import.meta.dirname, '..');

console.log(`ingesting ${lines.toLocaleString('en')} lines in batches of ${batchSize.toLocaleString('en')}…`);
const ingest = await runIngest({ lines, batchSize, seed });
const spa = await measureSpa(join(root, 'dist'));

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const rows: [string, string][] = [
  ['ingest rate, FTS live (lines/s)', `${Math.round(ingest.linesPerSecond).toLocaleString('en')}  (target ≥ ${TARGET_LINES_PER_SECOND.toLocaleString('en')}: ${ingest.linesPerSecond >= TARGET_LINES_PER_SECOND ? 'met' : 'NOT met'})`],
  ['lines / batch size', `${ingest.lines.toLocaleString('en')} / ${ingest.batchSize.toLocaleString('en')}`],
  ['wall time (s)', ingest.seconds.toFixed(2)],
  ['  of which generating lines (s)', `${ingest.generateSeconds.toFixed(2)} (overlaps with writing)`],
  ['slowest batch round trip (ms)', ingest.worstBatchMs.toFixed(0)],
  ['average message (bytes)', ingest.avgContentBytes.toFixed(0)],
  ['store size per 1M lines (MB)', `${ingest.mbPerMillionLines.toFixed(0)}  (db ${(ingest.dbBytes / 1e6).toFixed(1)} MB + wal ${(ingest.walBytes / 1e6).toFixed(1)} MB)`],
  ['SPA initial JS, gzip', spa ? kb(spa.jsGzipBytes) : 'n/a (run npm run build)'],
  ['SPA initial CSS, gzip', spa ? kb(spa.cssGzipBytes) : 'n/a (run npm run build)'],
];
const width = Math.max(...rows.map(([label]) => label.length));
console.log(`\nVigil bench (${process.version}, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)})`);
for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);

const search = searchLines > 0 ? await runSearchBench({ lines: searchLines, runs: searchRuns, log: (message) => console.log(message) }) : null;
if (search) {
  console.log(`\nsearch through the API, ${search.lines.toLocaleString('en')} lines (seeded in ${search.seedSeconds.toFixed(0)} s), warm, ${search.runs} runs each`);
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  console.log(`  grep reference: raw lines exported once in ${search.exportSeconds.toFixed(0)} s (30d ${mb(search.exportBytes['30d'])}, 7d ${mb(search.exportBytes['7d'])}, 24h ${mb(search.exportBytes['24h'])}); grep -c -i -F, process start included`);
  const nameWidth = Math.max(...search.queries.map((query) => query.name.length));
  console.log(`  ${'query'.padEnd(nameWidth)}  ${'p50 ms'.padStart(8)}  ${'p95 ms'.padStart(8)}  ${'grep ms'.padStart(8)}  result`);
  for (const query of search.queries) {
    const grep = query.grep ? `${query.grep.ms.toFixed(0)}`.padStart(8) : '       -';
    const grepCount = query.grep ? ` | grep "${query.grep.needle}" ${query.grep.window}: ${query.grep.count} lines` : '';
    console.log(`  ${query.name.padEnd(nameWidth)}  ${query.p50Ms.toFixed(1).padStart(8)}  ${query.p95Ms.toFixed(1).padStart(8)}  ${grep}  ${query.result}${grepCount}`);
  }
}

const traces = traceCount > 0 ? await runTraceBench({ traces: traceCount, runs: searchRuns, seed, log: (message) => console.log(message) }) : null;
if (traces) {
  console.log(`\naudit trail through the API, ${traces.traces.toLocaleString('en')} traces over 30 days, warm, ${traces.runs} runs each (target p95 < ${traces.targetP95Ms} ms)`);
  console.log(`  ingest ${Math.round(traces.tracesPerSecond).toLocaleString('en')} traces/s (${traces.ingestSeconds.toFixed(1)} s), ${traces.mbPerMillionTraces.toFixed(0)} MB per 1M traces; first timeline (loads the trace columns) ${traces.firstTimelineMs.toFixed(0)} ms`);
  const nameWidth = Math.max(...traces.queries.map((query) => query.name.length));
  console.log(`  ${'query'.padEnd(nameWidth)}  ${'p50 ms'.padStart(8)}  ${'p95 ms'.padStart(8)}  result`);
  for (const query of traces.queries) {
    const flag = query.p95Ms < traces.targetP95Ms ? '' : '  (over target)';
    console.log(`  ${query.name.padEnd(nameWidth)}  ${query.p50Ms.toFixed(1).padStart(8)}  ${query.p95Ms.toFixed(1).padStart(8)}  ${query.result}${flag}`);
  }
}

const admission = admissionLines > 0 ? await runAdmissionBench({ lines: admissionLines, runs: searchRuns, log: (message) => console.log(message) }) : null;
if (admission) {
  const ms = (l: { p50Ms: number; p95Ms: number }) => `p50 ${l.p50Ms.toFixed(1)} ms, p95 ${l.p95Ms.toFixed(1)} ms`;
  console.log(`\nadmission: newest-100 search (24 h) and /api/health, ${admission.lines.toLocaleString('en')} lines, ${admission.runs} runs (target p95 < 100 ms / 20 ms under load)`);
  console.log(`  quiet:       search ${ms(admission.quiet.search)}; health ${ms(admission.quiet.health)}`);
  console.log(`  4 scanners:  search ${ms(admission.underLoad.search)}; health ${ms(admission.underLoad.health)}`);
  console.log(`  hostile scans finished: ${admission.hostile.completed} (statuses ${JSON.stringify(admission.hostile.statuses)}), p50 ${admission.hostile.p50Ms.toFixed(0)} ms`);
}

const results = {
  measuredAt: new Date().toISOString(),
  node: process.version,
  cores: cpus().length,
  loadAverage1m: loadavg()[0],
  ingest: { ...ingest, targetLinesPerSecond: TARGET_LINES_PER_SECOND },
  spa: spa ?? 'n/a (run npm run build)',
  search: search ?? 'skipped (--search-lines 0)',
  traces: traces ?? 'skipped (--traces 0)',
  admission: admission ?? 'skipped (--admission-lines 0)',
};
const outDir = join(root, 'bench-results');
await mkdir(outDir, { recursive: true });
await writeFile(join(outDir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`\nwritten to ${join('bench-results', 'latest.json')}`);
