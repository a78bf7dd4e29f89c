/**
 * `npm run bench`: ingest rate with the FTS index live, store size per million lines and the
 * SPA's initial download, printed as a table and written to bench-results/latest.json.
 * Then search latency through the HTTP API on a seeded demo store (scripts/bench/search.ts).
 * Then the audit trail (CTS traces) through the HTTP API over generated traces (scripts/bench/traces.ts).
 *   node scripts/bench.ts [--lines N] [--batch N] [--seed N] [--search-lines N] [--search-runs N] [--traces N] [--ingest-lines N]
 * Then the live receivers (OTLP/HTTP JSON, TCP syslog, send-to-searchable latency; scripts/bench/receivers.ts);
 * --ingest-lines 0 skips them.
 * Then notification planning and the outbox end to end (scripts/bench/notify.ts).
 *   node scripts/bench.ts [--lines N] [--batch N] [--seed N] [--search-lines N] [--search-runs N] [--traces N] [--notifications N]
 * --search-lines 0 skips the search part. Seeding runs at the ingest rate (~25k lines/s), so the
 * 5 M lines the search target names take 4-5 minutes to seed before measuring.
 * --otc-lines 0 skips the OTC adapter part (two simulated regions, see scripts/bench/otc.ts).
 * --traces 0 skips the trace part; 1 M traces take about 70-80 s to ingest (~14k traces/s).
 * Then anomaly detection over the seeded demo tenant (scripts/bench/anomalies.ts); --anomaly-lines 0 skips it.
 * Then compliance evaluation and evidence packs (scripts/bench/compliance.ts); --compliance-lines 0 skips it.
 * Then the alert backtest of each demo rule over 30 days (scripts/bench/alerts.ts); --alert-lines 0 skips it.
 * Then search admission under four hostile scanners (scripts/bench/admission.ts); --admission-lines 0 skips it.
 * Then SIEM forwarding to a local HEC receiver (scripts/bench/forward.ts); --forward-lines 0 skips it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runAnomalyBench } from './bench/anomalies.ts';
import { runIngest } from './bench/ingest.ts';
import { runNotifyBench } from './bench/notify.ts';
import { runForwardBench } from './bench/forward.ts';
import { REFERENCE_TOOL, runSearchBench } from './bench/search.ts';
import { runAlertBench } from './bench/alerts.ts';
import { runAdmissionBench } from './bench/admission.ts';
import { runTraceBench } from './bench/traces.ts';
import { runReceiverBench, type Rate } from './bench/receivers.ts';
import { runComplianceBench } from './bench/compliance.ts';
import { runOtcBench } from './bench/otc.ts';
import { measureSpa } from './bench/spa-size.ts';

// With the word, field and trigram indexes live (issue: 30,000 lines/s on 2 cores).
const TARGET_LINES_PER_SECOND = 30_000;

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
    'ingest-lines': { type: 'string', default: '100000' },
    'anomaly-lines': { type: 'string', default: '250000' },
    notifications: { type: 'string', default: '2000' },
    'compliance-lines': { type: 'string', default: '200000' },
    'audit-records': { type: 'string', default: '5000' },
    'otc-lines': { type: 'string', default: '100000' },
    'alert-lines': { type: 'string', default: '200000' },
    'admission-lines': { type: 'string', default: '200000' },
    'forward-lines': { type: 'string', default: '100000' },
  },
});
const lines = positiveInt(values.lines, '--lines');
const batchSize = positiveInt(values.batch, '--batch');
const seed = positiveInt(values.seed, '--seed');
const searchLines = values['search-lines'] === '0' ? 0 : positiveInt(values['search-lines'], '--search-lines');
const searchRuns = positiveInt(values['search-runs'], '--search-runs');
const traceCount = values.traces === '0' ? 0 : positiveInt(values.traces, '--traces');
const receiverLines = values['ingest-lines'] === '0' ? 0 : positiveInt(values['ingest-lines'], '--ingest-lines');
const anomalyLines = values['anomaly-lines'] === '0' ? 0 : positiveInt(values['anomaly-lines'], '--anomaly-lines');
const notificationCount = values.notifications === '0' ? 0 : positiveInt(values.notifications, '--notifications');
const otcLines = values['otc-lines'] === '0' ? 0 : positiveInt(values['otc-lines'], '--otc-lines');
const alertLines = values['alert-lines'] === '0' ? 0 : positiveInt(values['alert-lines'], '--alert-lines');
const admissionLines = values['admission-lines'] === '0' ? 0 : positiveInt(values['admission-lines'], '--admission-lines');
const root = resolve(import.meta.dirname, '..');

console.log(`ingesting ${lines.toLocaleString('en')} lines in batches of ${batchSize.toLocaleString('en')}…`);
const ingest = await runIngest({ lines, batchSize, seed });
const spa = await measureSpa(join(root, 'dist'));

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const rows: [string, string][] = [
  ['ingest rate, all indexes live (lines/s)', `${Math.round(ingest.linesPerSecond).toLocaleString('en')}  (target ≥ ${TARGET_LINES_PER_SECOND.toLocaleString('en')}: ${ingest.linesPerSecond >= TARGET_LINES_PER_SECOND ? 'met' : 'NOT met'})`],
  ['  writer thread CPU per line (µs)', `${ingest.writerCpuMicrosPerLine.toFixed(1)}  (= ${Math.round(1e6 / ingest.writerCpuMicrosPerLine).toLocaleString('en')} lines per writer CPU second: the rate on an idle core)`],
  ['lines / batch size', `${ingest.lines.toLocaleString('en')} / ${ingest.batchSize.toLocaleString('en')}`],
  ['wall time (s)', ingest.seconds.toFixed(2)],
  ['  of which generating lines (s)', `${ingest.generateSeconds.toFixed(2)} (overlaps with writing)`],
  ['slowest batch round trip (ms)', ingest.worstBatchMs.toFixed(0)],
  ['average message (bytes)', ingest.avgContentBytes.toFixed(0)],
  ['store size per 1M lines (MB)', `${ingest.mbPerMillionLines.toFixed(0)}  (db ${(ingest.dbBytes / 1e6).toFixed(1)} MB + wal ${(ingest.walBytes / 1e6).toFixed(1)} MB)`],
  ['  compacted, all indexes (MB/1M)', ingest.indexSizes.withIndexes.toFixed(0)],
  ['  of which field index (MB/1M)', (ingest.indexSizes.withIndexes - ingest.indexSizes.withoutFieldIndex).toFixed(0)],
  ['  of which trigram index (MB/1M)', (ingest.indexSizes.withoutFieldIndex - ingest.indexSizes.withoutBoth).toFixed(0)],
  ['  without both = before (MB/1M)', ingest.indexSizes.withoutBoth.toFixed(0)],
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
  const tool = REFERENCE_TOOL;
  if (tool !== 'rg') console.log('  ripgrep (rg) is not installed: the reference column is grep (apt-get install ripgrep for rg)');
  console.log(`  ${tool} reference: raw lines exported once in ${search.exportSeconds.toFixed(0)} s (30d ${mb(search.exportBytes['30d'])}, 7d ${mb(search.exportBytes['7d'])}, 24h ${mb(search.exportBytes['24h'])}); ${tool} -c -i, process start included`);
  const nameWidth = Math.max(...search.queries.map((query) => query.name.length));
  console.log(`  ${'query'.padEnd(nameWidth)}  ${'p50 ms'.padStart(8)}  ${'p95 ms'.padStart(8)}  ${`${tool} ms`.padStart(8)}  ${'x faster'.padStart(8)}  result`);
  for (const query of search.queries) {
    const grep = query.grep ? `${query.grep.ms.toFixed(0)}`.padStart(8) : '       -';
    const ratio = query.grep ? `${(query.grep.ms / query.p95Ms).toFixed(1)}`.padStart(8) : '       -';
    const grepCount = query.grep ? ` | ${tool} "${query.grep.needle}" ${query.grep.window}: ${query.grep.count} lines` : '';
    console.log(`  ${query.name.padEnd(nameWidth)}  ${query.p50Ms.toFixed(1).padStart(8)}  ${query.p95Ms.toFixed(1).padStart(8)}  ${grep}  ${ratio}  ${query.result}${grepCount}`);
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

const receivers = receiverLines > 0 ? await runReceiverBench({ lines: receiverLines, log: (message) => console.log(message) }) : null;
if (receivers) {
  const whole = (n: number) => Math.round(n).toLocaleString('en');
  const rate = ({ median, runs }: Rate, target: number) =>
    `${whole(median)}  (runs ${runs.map(whole).join(', ')}; target ≥ ${whole(target)}: ${median >= target ? 'met' : 'NOT met'})`;
  console.log(`\nlive receivers against a Vigil process, ${receivers.lines.toLocaleString('en')} lines a run, median of ${receivers.otlpJsonLinesPerSecond.runs.length} runs into one store, index live`);
  console.log(`  OTLP/HTTP JSON, batches of 1,000 (lines/s)  ${rate(receivers.otlpJsonLinesPerSecond, 50_000)}`);
  console.log(`  TCP syslog RFC 5424, 4 connections (lines/s) ${rate(receivers.syslogTcpLinesPerSecond, 30_000)}`);
  const l = receivers.latency;
  console.log(`  send → searchable, ${l.samples} samples (ms)   p50 ${l.p50Ms.toFixed(0)}, p95 ${l.p95Ms.toFixed(0)}, max ${l.maxMs.toFixed(0)}  (target p95 < 2000: ${l.p95Ms < 2000 ? 'met' : 'NOT met'})`);
}

const anomalies = anomalyLines > 0 ? await runAnomalyBench({ lines: anomalyLines, runs: searchRuns, log: (message) => console.log(message) }) : null;
if (anomalies) {
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  console.log(`\nanomalies on the demo tenant, ${anomalies.lines.toLocaleString('en')} lines and ${anomalies.traces.toLocaleString('en')} traces over 30 days (seeded in ${anomalies.seedSeconds.toFixed(0)} s), ${anomalies.anomalies} anomalies`);
  console.log(`  judge every series over 30 days: first ${ms(anomalies.firstDetectMs)} (loads the trace columns), then ${anomalies.detectMs.map(ms).join(', ')} (CPU ${anomalies.detectCpuMs.map(ms).join(', ')}; target < ${anomalies.targetDetectMs} ms)`);
  const passes = anomalies.refresh.map((r) => `${ms(r.ms)} (CPU ${ms(r.cpuMs)}, ${r.baselinesReused} baselines reused, ${r.baselinesComputed} computed)`);
  console.log(`  background pass after 200 new lines: ${passes.join('; ')}`);
  for (const s of anomalies.series) console.log(`  series: ${s.name}: p50 ${s.p50Ms.toFixed(1)} ms, p95 ${s.p95Ms.toFixed(1)} ms, ${s.points} points (target p95 < ${anomalies.targetSeriesP95Ms} ms)`);
}

const notify = notificationCount > 0 ? await runNotifyBench({ deliveries: notificationCount }) : null;
if (notify) {
  console.log('\nnotifications');
  console.log(`  planNotifications: ${notify.planTransitions.toLocaleString('en')} transitions over 30 days -> ${notify.planNotifications.toLocaleString('en')} notifications in ${notify.planMs.toFixed(0)} ms`);
  console.log(`  outbox end to end (persist, sign, POST to a local receiver): ${notify.deliveries.toLocaleString('en')} in ${notify.deliverSeconds.toFixed(1)} s = ${Math.round(notify.deliveriesPerSecond)} /s`);
}

const forwardLines = values['forward-lines'] === '0' ? 0 : positiveInt(values['forward-lines'], '--forward-lines');
const forward = forwardLines > 0 ? await runForwardBench({ lines: forwardLines }) : null;
if (forward) {
  console.log(`\nSIEM forwarding: ${forward.lines.toLocaleString('en')} stored lines to a local Splunk HEC receiver, batches of ${forward.batchSize.toLocaleString('en')}`);
  for (const run of forward.runs) {
    console.log(`  ${run.ack ? 'with indexer ack (up to 8 batches awaiting their ackIds)' : 'without indexer ack'}: ${run.seconds.toFixed(1)} s = ${Math.round(run.linesPerSecond).toLocaleString('en')} lines/s (receiver got ${run.received.toLocaleString('en')})`);
  }
}

const complianceLines = values['compliance-lines'] === '0' ? 0 : positiveInt(values['compliance-lines'], '--compliance-lines');
const compliance = complianceLines > 0
  ? await runComplianceBench({ lines: complianceLines, auditRecords: positiveInt(values['audit-records'], '--audit-records'), runs: searchRuns, log: (message) => console.log(message) })
  : null;
if (compliance) {
  console.log(`\ncompliance through the API, ${compliance.lines.toLocaleString('en')} lines, ${compliance.traces.toLocaleString('en')} traces, ${compliance.auditRecords.toLocaleString('en')} audit records, ${compliance.runs} runs each`);
  for (const query of compliance.queries) console.log(`  ${query.name.padEnd(26)}  p50 ${query.p50Ms.toFixed(1).padStart(7)} ms  p95 ${query.p95Ms.toFixed(1).padStart(7)} ms  ${query.result}`);
  console.log(`  offline verification of the pack: ${compliance.verifyMs.toFixed(1)} ms`);
}

const otc = otcLines > 0 ? await runOtcBench({ lines: otcLines, runs: searchRuns, log: (message) => console.log(message) }) : null;
if (otc) {
  console.log(`\nOTC adapter against two simulated regions, ${otc.lines.toLocaleString('en')} lines, first page of 100 over every stream, no cache, ${otc.runs} runs each`);
  console.log(`  signing + query translation per LTS call: ${otc.signingAndTranslationUs.toFixed(0)} µs (target < 5 ms)`);
  console.log(`  ${'query'.padEnd(26)}  ${'p50 ms'.padStart(8)}  ${'p95 ms'.padStart(8)}  calls/page  naive calls  lines  local filter`);
  for (const q of otc.queries) {
    console.log(`  ${q.name.padEnd(26)}  ${q.p50Ms.toFixed(1).padStart(8)}  ${q.p95Ms.toFixed(1).padStart(8)}  ${String(q.callsPerPage).padStart(10)}  ${String(q.naiveCalls).padStart(11)}  ${String(q.lines).padStart(5)}  ${q.localFilter ? 'yes' : 'no'}`);
  }
  console.log(`  with IAM token auth, ${otc.queries[0]!.name}: p50 ${otc.token.p50Ms.toFixed(1)} ms, p95 ${otc.token.p95Ms.toFixed(1)} ms (tokens issued by eu-de: ${otc.token.tokensIssued})`);
  console.log(`  line counts of ${otc.lineCounts.streams} streams: ${otc.lineCounts.calls} LTS calls, ${otc.lineCounts.ms.toFixed(0)} ms`);
}

const alerts = alertLines > 0 ? await runAlertBench({ lines: alertLines, runs: Math.min(searchRuns, 5), log: (message) => console.log(message) }) : null;
if (alerts) {
  console.log(`\nalert backtest, each demo rule over 30 days, ${alerts.lines.toLocaleString('en')} lines (seeded in ${alerts.seedSeconds.toFixed(0)} s), ${alerts.runs} runs each (target < ${alerts.targetMs} ms)`);
  const nameWidth = Math.max(...alerts.rules.map((rule) => rule.name.length));
  for (const rule of alerts.rules) {
    const flag = rule.p95Ms < alerts.targetMs ? '' : '  (over target)';
    console.log(`  ${rule.name.padEnd(nameWidth)}  p50 ${rule.p50Ms.toFixed(0).padStart(6)} ms  p95 ${rule.p95Ms.toFixed(0).padStart(6)} ms  ${rule.instances} instances${rule.complete ? '' : ', incomplete'}${flag}`);
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
  receivers: receivers ?? 'skipped (--ingest-lines 0)',
  anomalies: anomalies ?? 'skipped (--anomaly-lines 0)',
  notify: notify ?? 'skipped (--notifications 0)',
  compliance: compliance ?? 'skipped (--compliance-lines 0)',
  otc: otc ?? 'skipped (--otc-lines 0)',
  alerts: alerts ?? 'skipped (--alert-lines 0)',
  admission: admission ?? 'skipped (--admission-lines 0)',
  forward: forward ?? 'skipped (--forward-lines 0)',
};
const outDir = join(root, 'bench-results');
await mkdir(outDir, { recursive: true });
await writeFile(join(outDir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`\nwritten to ${join('bench-results', 'latest.json')}`);
