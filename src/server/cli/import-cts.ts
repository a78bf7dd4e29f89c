/** `vigil import-cts`: loads CTS trace files (as CTS writes them to OBS) into the store. */
import { importCtsFile, type CtsFileReport } from '../ingest/cts-import.ts';
import { DATA_DIR_HELP, dataDirOf, parseCommandArgs, UsageError, type CliIo, type Command } from './command.ts';
import { count, seconds, utc } from './format.ts';
import { checkDigests } from './cts-digest-check.ts';
import { withStore } from './open-store.ts';

const SHOWN_REJECTS = 20;

const usage = `Usage: vigil import-cts FILE... [--digest DIGEST]... [--strict] [--force] [--json] [--data-dir DIR]

Imports CTS trace files: JSON arrays of trace records, gzipped or not, as CTS writes them to
OBS (…_CloudTrace_….json.gz). Every record is checked; invalid ones are reported with the
reason and left out, trace_ids already stored are skipped. Each file is written in one
transaction: all of its valid records or none. A file imported before (same content) is not read
again. Exits 1 if any record or file was not imported.

With --digest, the trace files are also checked against CTS digest files (…_CloudTrace-Digest_…
.json.gz, as CTS writes them when the tracker verifies file integrity): each digest's CTS
signature, then each trace file's MD5. Give the trace files as CTS stored them (gzip). A digest's
signature comes from the next digest in the chain; for the newest one, save OBS's
meta-signature of the object (hex) as DIGEST.sig beside it. The results are kept for the
compliance integrity check; a changed file or a forged digest makes the command exit 1.

  --digest DIGEST  a CTS digest file (repeat for several hours)
  --strict         import nothing from a file that has an invalid record
  --force          import files again even if they were imported before
  --json           print the reports as JSON
  ${DATA_DIR_HELP}`;

function printReport(report: CtsFileReport, io: CliIo): void {
  if (report.alreadyImportedAt !== null) {
    io.out(`Already imported ${report.file} (${utc(report.alreadyImportedAt)}); nothing to do. Use --force to import it again.`);
    return;
  }
  if (report.notImported && report.records === 0) {
    io.out(`Not imported ${report.file}: ${report.notImported}`);
    return;
  }
  const head = report.notImported ? `Not imported ${report.file} (${report.notImported})` : `Imported ${report.file}`;
  io.out(`${head}: ${count(report.records)} records in ${seconds(report.durationMs)}`);
  io.out(`  ${count(report.imported)} imported, ${count(report.duplicates.length)} already stored, ${count(report.rejected.length)} rejected`);
  for (const reject of report.rejected.slice(0, SHOWN_REJECTS)) {
    io.out(`    record ${reject.index}${reject.traceId ? ` (trace_id ${reject.traceId})` : ''}: ${reject.reason}`);
  }
  if (report.rejected.length > SHOWN_REJECTS) io.out(`    … and ${count(report.rejected.length - SHOWN_REJECTS)} more (--json lists all)`);
}

export const importCtsCommand: Command = {
  name: 'import-cts',
  summary: 'import CTS trace files (JSON arrays, optionally gzip) into the store',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { strict: { type: 'boolean' }, force: { type: 'boolean' }, json: { type: 'boolean' }, digest: { type: 'string', multiple: true }, 'data-dir': { type: 'string' } },
      true,
    );
    if (positionals.length === 0) throw new UsageError('FILE is missing');
    const dataDir = dataDirOf(values['data-dir'], io);
    const digestsOk = values.digest?.length ? await checkDigests(dataDir, positionals, values.digest, io, values.json ?? false) : true;
    const reports = await withStore(dataDir, io, async (store) => {
      const done: CtsFileReport[] = [];
      for (const file of positionals) {
        const report = await importCtsFile(store, file, { strict: values.strict ?? false, force: values.force ?? false });
        if (!values.json) printReport(report, io);
        done.push(report);
      }
      return done;
    });
    if (values.json) io.out(JSON.stringify(reports, null, 2));
    else if (reports.length > 1) {
      const total = (pick: (r: CtsFileReport) => number) => count(reports.reduce((sum, r) => sum + pick(r), 0));
      io.out(`${reports.length} files: ${total((r) => r.imported)} traces imported, ${total((r) => r.duplicates.length)} already stored, ${total((r) => r.rejected.length)} rejected`);
    }
    return digestsOk && reports.every((r) => r.notImported === null && r.rejected.length === 0) ? 0 : 1;
  },
};
