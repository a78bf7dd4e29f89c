/** Opens the configured store for a CLI command; store warnings go to stderr as JSON lines. */
import { secureDataDir } from '../data-dir.ts';
import { createLogger, type Logger } from '../logger.ts';
import { openStore } from '../storage/index.ts';
import type { Store } from '../storage/ports.ts';
import type { CliIo } from './command.ts';

export function cliLogger(io: CliIo): Logger {
  return createLogger('warn', (line) => io.err(line));
}

/** Runs `work` with an open store and always closes it, also when `work` fails. */
export async function withStore<T>(dataDir: string, io: CliIo, work: (store: Store) => Promise<T>): Promise<T> {
  await secureDataDir(dataDir, cliLogger(io));
  const store = await openStore({ kind: 'embedded', dataDir, logger: cliLogger(io) });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
