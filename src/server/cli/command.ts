/** What every CLI command looks like, so adding one is a new file plus a line in cli.ts. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliIo {
  /** Results: summaries, reports. */
  out(text: string): void;
  /** Progress, warnings and errors. */
  err(text: string): void;
  env: Record<string, string | undefined>;
  /** Whether stderr is a terminal (progress then overwrites one line). */
  interactive: boolean;
}

export interface Command {
  name: string;
  summary: string;
  /** Usage text shown by `vigil help <command>` and after a usage error. */
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Wrong invocation: the CLI prints the message and the usage, and exits with code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs in strict mode, with its errors turned into usage errors. */
export function parseCommandArgs<T extends Options>(args: string[], options: T, allowPositionals: boolean) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A whole-number option within bounds; undefined when absent. */
export function integerOption(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const cleaned = value.replaceAll('_', '');
  if (!/^-?\d+$/.test(cleaned)) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  const n = Number(cleaned);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be from ${min} to ${max}, got ${value}`);
  return n;
}

export const DATA_DIR_HELP = '--data-dir DIR   store folder (default: $VIGIL_DATA_DIR, else ./data)';

export function dataDirOf(value: string | undefined, io: CliIo): string {
  return value ?? io.env.VIGIL_DATA_DIR ?? './data';
}
