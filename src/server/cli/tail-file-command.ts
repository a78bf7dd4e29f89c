/** `vigil tail-file`: follows a growing log file into a stream (beside a running Vigil or alone). */
import { ltsName } from '../../contract/index.ts';
import { followFile } from '../ingest/tail/follow-file.ts';
import { isValidTimeZone } from '../ingest/zoned-time.ts';
import { DATA_DIR_HELP, dataDirOf, integerOption, parseCommandArgs, UsageError, type Command } from './command.ts';
import { cliLogger, withStore } from './open-store.ts';

const usage = `Usage: vigil tail-file PATH --group G --stream S [--tz ZONE] [--poll-ms N] [--once] [--data-dir DIR]

Follows PATH like "tail -F": appends each new line to the stream, across rotation by rename and
by truncation. The position is saved with every batch in the same transaction, so a restart
resumes after the last stored line, without loss or duplication. The first run reads the file
from its start. Stops on Ctrl-C (or at the end of the file with --once).

  --group G        log group name (created when missing)
  --stream S       log stream name (created when missing)
  --tz ZONE        IANA zone for timestamps without an offset (default UTC)
  --poll-ms N      how often to look for new lines, 50..10000 (default 250)
  --once           read what is there and stop
  ${DATA_DIR_HELP}`;

export const tailFileCommand: Command = {
  name: 'tail-file',
  summary: 'follow a growing log file into a stream (tail-file PATH --group G --stream S)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { group: { type: 'string' }, stream: { type: 'string' }, tz: { type: 'string' }, 'poll-ms': { type: 'string' }, once: { type: 'boolean' }, 'data-dir': { type: 'string' } },
      true,
    );
    if (positionals.length !== 1) throw new UsageError('give exactly one file to follow');
    for (const what of ['group', 'stream'] as const) {
      const value = values[what];
      if (!value || !ltsName.safeParse(value).success) throw new UsageError(`--${what}: a valid name is required (letters, digits, _ - .)`);
    }
    const zone = values.tz ?? 'UTC';
    if (!isValidTimeZone(zone)) throw new UsageError(`--tz: unknown time zone "${zone}"`);
    const pollMs = integerOption(values['poll-ms'], 'poll-ms', 50, 10_000) ?? 250;
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      return await withStore(dataDirOf(values['data-dir'], io), io, async (store) => {
        io.err(`Following ${positionals[0]} into ${values.group}/${values.stream}${values.once ? '' : ' (Ctrl-C stops)'}`);
        const metrics = await followFile({
          path: positionals[0]!, group: values.group!, stream: values.stream!, store, zone, pollMs, once: values.once === true,
          signal: controller.signal, logger: cliLogger(io),
        });
        io.out(`Stored ${metrics.committed} lines (${metrics.truncated} cut to the line limit, ${metrics.futureTimes} with a future time replaced).`);
        return 0;
      });
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  },
};
