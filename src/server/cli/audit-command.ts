/** `vigil audit verify`: checks the hash chain of Vigil's own audit trail. */
import { openState } from '../state/index.ts';
import { DATA_DIR_HELP, dataDirOf, parseCommandArgs, UsageError, type Command } from './command.ts';

const usage = `Usage: vigil audit verify [--data-dir DIR]

Walks Vigil's audit trail from the first record and checks that every record still has the hash it
was written with and links to the one before. Exits 0 when the chain is intact, 1 naming the first
edited, deleted or reordered record.

  ${DATA_DIR_HELP}`;

export const auditCommand: Command = {
  name: 'audit',
  summary: "verify Vigil's own audit trail (audit verify)",
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { 'data-dir': { type: 'string' } }, true);
    if (positionals[0] !== 'verify' || positionals.length !== 1) throw new UsageError('the only subcommand is "verify"');
    const state = openState(dataDirOf(values['data-dir'], io));
    try {
      const result = state.audit.verify();
      if (result.intact) {
        io.out(`Audit trail intact: ${result.checked} ${result.checked === 1 ? 'record' : 'records'} verified.`);
        return 0;
      }
      io.out(`Audit trail BROKEN at record ${result.firstBroken?.seq}: ${result.firstBroken?.reason}.`);
      io.out(`Records 1..${result.intactUpTo} are intact; ${result.checked} records were read.`);
      return 1;
    } finally {
      state.close();
    }
  },
};
