/** `vigil import`: loads a log file into a log stream. */
import { DEFAULT_IMPORT_TTL_DAYS, ImportError, importLogFile, type ImportReport, type LineExamples } from '../ingest/index.ts';
import { DATA_DIR_HELP, dataDirOf, integerOption, parseCommandArgs, UsageError, type CliIo, type Command } from './command.ts';
import { count, perSecond, seconds, utc } from './format.ts';
import { cliLogger, withStore } from './open-store.ts';

const usage = `Usage: vigil import FILE --group G --stream S [--tz ZONE] [--ttl-days N] [--json] [--data-dir DIR]

Reads a log file line by line, dates every line from its timestamp (syslog, ISO-8601, Apache and
nginx, Hadoop/Zookeeper, OpenStack, Windows CBS, klog, JSON, …) and appends it to the stream,
creating the group and stream when missing.

  --group G        log group name
  --stream S       log stream name
  --tz ZONE        IANA zone for timestamps without an offset (default UTC), e.g. Europe/Berlin
  --ttl-days N     retention of a newly created group, 1..365 (default ${DEFAULT_IMPORT_TTL_DAYS})
  --json           print the report as JSON
  ${DATA_DIR_HELP}`;

function describe(label: string, part: LineExamples, io: CliIo): void {
  if (part.count === 0) return;
  const more = part.count > part.lineNumbers.length ? ', …' : '';
  io.out(`  ${label}: ${count(part.count)} (lines ${part.lineNumbers.slice(0, 20).join(', ')}${part.count > 20 ? ', …' : more})`);
  for (const example of part.examples) io.out(`      line ${example.line}: ${example.detail}`);
}

function printReport(report: ImportReport, io: CliIo): void {
  const target = `${report.group}/${report.stream}${report.groupCreated ? ' (new group)' : report.streamCreated ? ' (new stream)' : ''}`;
  io.out(`Imported ${report.file} into ${target}`);
  io.out(`  ${count(report.loaded)} of ${count(report.linesRead)} lines loaded in ${seconds(report.durationMs)} (${perSecond(report.loaded, report.durationMs, 'lines')})`);
  if (report.firstTime !== null && report.lastTime !== null) io.out(`  time range ${utc(report.firstTime)} .. ${utc(report.lastTime)} (zone-less times read as ${report.zone})`);
  const formats = Object.entries(report.formats).map(([format, n]) => `${format} ${count(n)}`).join(', ');
  if (formats) io.out(`  timestamp formats: ${formats}${report.inheritedTimestamps ? `; ${count(report.inheritedTimestamps)} ${report.inheritedTimestamps === 1 ? 'line' : 'lines'} without one took the previous line's time` : ''}`);
  if (report.empty) io.out(`  empty lines skipped: ${count(report.empty)}`);
  describe('not loaded, no timestamp before the first dated line', report.unparsable, io);
  describe(`not loaded, longer than the line limit`, report.tooLong, io);
  describe('not loaded, refused', report.rejected, io);
  describe(`WARNING loaded but older than the ${report.ttlInDays}-day retention (cut-off ${utc(report.cutoff)}); the next retention run deletes them`, report.outsideRetention, io);
  describe('WARNING loaded but more than a day in the future (wrong --tz?)', report.inFuture, io);
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import a log file into a log stream',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { group: { type: 'string' }, stream: { type: 'string' }, tz: { type: 'string' }, 'ttl-days': { type: 'string' }, json: { type: 'boolean' }, 'data-dir': { type: 'string' } },
      true,
    );
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'FILE is missing' : `one FILE at a time, got ${positionals.length}`);
    if (!values.group) throw new UsageError('--group is required');
    if (!values.stream) throw new UsageError('--stream is required');
    const ttlDays = integerOption(values['ttl-days'], 'ttl-days', 1, 365);
    const dataDir = dataDirOf(values['data-dir'], io);
    try {
      const report = await withStore(dataDir, io, (store) =>
        importLogFile(store, { file: positionals[0]!, group: values.group!, stream: values.stream!, tz: values.tz, ttlDays, logger: cliLogger(io) }),
      );
      if (values.json) io.out(JSON.stringify(report, null, 2));
      else printReport(report, io);
      return 0;
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      io.err(`vigil import: ${error.message}`);
      if (error.report) io.err(`  ${count(error.report.loaded)} lines from earlier batches were loaded before the failure.`);
      return 1;
    }
  },
};
