/** `vigil import`: loads a log file into a log stream. */
import { DEFAULT_IMPORT_TTL_DAYS, ImportError, importLogFile, type ImportReport, type LineExamples } from '../ingest/index.ts';
import { DATA_DIR_HELP, dataDirOf, integerOption, parseCommandArgs, UsageError, type CliIo, type Command } from './command.ts';
import { count, perSecond, seconds, utc } from './format.ts';
import { cliLogger, withStore } from './open-store.ts';

const usage = `Usage: vigil import FILE --group G --stream S [--tz ZONE] [--ttl-days N] [--force] [--json] [--data-dir DIR]

Reads a log file line by line, dates every line from its timestamp (syslog, ISO-8601, Apache and
nginx, Hadoop/Zookeeper, OpenStack, Windows CBS, klog, JSON, …) and appends it to the stream,
creating the group and stream when missing. Progress is recorded with every batch: running the
same import again after an interruption continues after the last batch written, and an import
that completed is not repeated.

  --group G        log group name
  --stream S       log stream name
  --tz ZONE        IANA zone for timestamps without an offset (default UTC), e.g. Europe/Berlin
  --ttl-days N     retention of a newly created group, 1..365 (default ${DEFAULT_IMPORT_TTL_DAYS})
  --force          import the whole file again, even if it was imported before
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
  if (report.resume.kind === 'already_complete') {
    io.out(`Already imported ${report.file} into ${target} (completed ${utc(report.resume.importedAt)}); nothing to do. Use --force to import it again.`);
    return;
  }
  if (report.resume.kind === 'resumed') {
    io.out(`Resuming ${report.file}: an earlier run wrote lines 1-${count(report.resume.skippedLines)}; continuing at line ${count(report.resume.skippedLines + 1)}.`);
  } else if (report.resume.why === 'other_file') {
    io.out(`${report.file} is not the file imported before under this name (its beginning changed): importing it from the start.`);
  } else if (report.resume.why === 'shorter') {
    io.out(`${report.file} is shorter than what an earlier run imported (truncated or rewritten): importing it from the start.`);
  } else if (report.resume.why === 'forced') {
    io.out(`--force: importing ${report.file} from the start, even if it was imported before.`);
  }
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
      { group: { type: 'string' }, stream: { type: 'string' }, tz: { type: 'string' }, 'ttl-days': { type: 'string' }, force: { type: 'boolean' }, json: { type: 'boolean' }, 'data-dir': { type: 'string' } },
      true,
    );
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'FILE is missing' : `one FILE at a time, got ${positionals.length}`);
    if (!values.group) throw new UsageError('--group is required');
    if (!values.stream) throw new UsageError('--stream is required');
    const ttlDays = integerOption(values['ttl-days'], 'ttl-days', 1, 365);
    const dataDir = dataDirOf(values['data-dir'], io);
    try {
      const report = await withStore(dataDir, io, (store) =>
        importLogFile(store, { file: positionals[0]!, group: values.group!, stream: values.stream!, tz: values.tz, ttlDays, force: values.force ?? false, logger: cliLogger(io) }),
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
