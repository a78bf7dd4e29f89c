/** `vigil seed`: loads the deterministic demo tenant into an empty store. */
import { DEFAULT_DAYS, DEFAULT_LINES, DEFAULT_SEED, MIN_DAYS, MIN_LINES, seedDemoData, StoreNotEmptyError, type SeedSummary } from '../seed/index.ts';
import { DATA_DIR_HELP, dataDirOf, integerOption, parseCommandArgs, UsageError, type CliIo, type Command } from './command.ts';
import { count, perSecond, seconds, throttledProgress, utc } from './format.ts';
import { cliLogger, withStore } from './open-store.ts';

const usage = `Usage: vigil seed [--days N] [--lines N] [--seed S] [--now ISO] [--data-dir DIR]

Loads demo log groups, streams, log lines and CTS traces (with planted incidents) into an empty
store. The same seed and options always produce the same data.

  --days N         days of history, ${MIN_DAYS}..365 (default ${DEFAULT_DAYS})
  --lines N        log lines in total, at least ${count(MIN_LINES)} (default ${count(DEFAULT_LINES)}); traces are a tenth of it
  --seed S         random seed (default ${DEFAULT_SEED})
  --now ISO        end of the data, e.g. 2026-11-26T10:00:00Z (default: this minute)
  ${DATA_DIR_HELP}`;

function parseNow(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    throw new UsageError(`--now must be an ISO-8601 time with zone, e.g. 2026-11-26T10:00:00Z, got "${value}"`);
  }
  return Date.parse(value);
}

function printSummary(summary: SeedSummary, dataDir: string, io: CliIo): void {
  const rate = perSecond(summary.lines, summary.durationMs, 'lines');
  io.out(`Seeded ${dataDir} (seed ${summary.seed}, ${summary.days} days ending ${utc(summary.to)})`);
  io.out(`  ${summary.groups} log groups, ${summary.streams} streams, ${count(summary.lines)} lines, ${count(summary.traces)} traces in ${seconds(summary.durationMs)} (${rate})`);
  for (const s of summary.perStream) io.out(`    ${`${s.group}/${s.stream}`.padEnd(28)} ${count(s.lines).padStart(10)}`);
  io.out('Planted scenarios:');
  for (const s of summary.scenarios) io.out(`  ${utc(s.time)}  ${s.name.padEnd(29)} ${s.where}\n      ${s.description}`);
}

export const seedCommand: Command = {
  name: 'seed',
  summary: 'load deterministic demo data into an empty store',
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs(
      args,
      { days: { type: 'string' }, lines: { type: 'string' }, seed: { type: 'string' }, now: { type: 'string' }, 'data-dir': { type: 'string' } },
      false,
    );
    const options = {
      days: integerOption(values.days, 'days', MIN_DAYS, 365),
      lines: integerOption(values.lines, 'lines', MIN_LINES, 1_000_000_000),
      seed: integerOption(values.seed, 'seed', -(2 ** 31), 2 ** 32 - 1),
      now: parseNow(values.now),
    };
    const dataDir = dataDirOf(values['data-dir'], io);
    const progress = throttledProgress(io.err, io.interactive);
    try {
      const summary = await withStore(dataDir, io, (store) =>
        seedDemoData(store, {
          ...options,
          logger: cliLogger(io),
          onProgress: (p) => {
            const percent = Math.floor((p.lines * 100) / p.totalLines);
            progress.update(`seed: ${count(p.lines)} / ${count(p.totalLines)} lines (${percent}%), ${count(p.traces)} traces, ${perSecond(p.lines, p.elapsedMs, 'lines')}`);
          },
        }),
      );
      progress.done();
      printSummary(summary, dataDir, io);
      return 0;
    } catch (error) {
      progress.done();
      if (error instanceof StoreNotEmptyError) {
        io.err(`vigil seed: ${error.message}.\nUse a fresh --data-dir (or remove the database in ${dataDir}) to seed again.`);
        return 1;
      }
      io.err(`vigil seed: ${(error as Error).message}`);
      io.err(`The store in ${dataDir} may now hold part of the demo data; seed into a fresh --data-dir.`);
      return 1;
    }
  },
};
