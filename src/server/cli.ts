/**
 * Admin command line: `npm run vigil -- <command> [options]`. Each command lives in its own
 * module under cli/; adding one (token create, audit verify, import-cts) means adding a file and
 * a line in COMMANDS. Exit codes: 0 success, 1 failure, 2 wrong usage.
 */
import { privateUmask } from './data-dir.ts';
import { describeError } from './logger.ts';
import { UsageError, type CliIo, type Command } from './cli/command.ts';
import { auditCommand } from './cli/audit-command.ts';
import { evidenceCommand } from './cli/evidence-command.ts';
import { importCommand } from './cli/import-command.ts';
import { importCtsCommand } from './cli/import-cts.ts';
import { rulesCommand } from './cli/rules-command.ts';
import { seedCommand } from './cli/seed-command.ts';
import { tokenCommand } from './cli/token-command.ts';
import { totpCommand } from './cli/totp-command.ts';
import { tailFileCommand } from './cli/tail-file-command.ts';

const COMMANDS: readonly Command[] = [seedCommand, importCommand, importCtsCommand, tokenCommand, rulesCommand, auditCommand, evidenceCommand, totpCommand, tailFileCommand];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: vigil <command> [options]\n\nCommands:\n${lines.join('\n')}\n  ${'help'.padEnd(width)}  show help for a command: vigil help <command>`;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === args[0]) : undefined;
    if (name === 'help' && args[0] !== undefined && !topic) {
      io.err(`vigil: unknown command "${args[0]}"\n\n${overview()}`);
      return 2;
    }
    (name === undefined ? io.err : io.out)(topic ? topic.usage : overview());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`vigil: unknown command "${name}"\n\n${overview()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`vigil ${command.name}: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    const details = describeError(error);
    io.err(`vigil ${command.name}: ${String(details.error)}`);
    if (io.env.VIGIL_DEBUG) io.err(String(details.stack ?? ''));
    return 1;
  }
}

if (import.meta.main) {
  // Files the commands create in the data folder (store, state, secrets) are private.
  privateUmask();
  const io: CliIo = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(text.startsWith('\r') ? text : `${text}\n`),
    env: process.env,
    interactive: process.stderr.isTTY === true,
  };
  process.exitCode = await runCli(process.argv.slice(2), io);
}
