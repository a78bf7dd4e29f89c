/** `vigil token create`: an API token from the server's shell, for bootstrapping automation. */
import os from 'node:os';
import { createApiTokenSchema } from '../../contract/index.ts';
import { openState } from '../state/index.ts';
import { DATA_DIR_HELP, dataDirOf, integerOption, parseCommandArgs, UsageError, type Command } from './command.ts';

const usage = `Usage: vigil token create --name N --role analyst|admin|manager --days D [--data-dir DIR]

Creates an API token with one role that expires after D days, and prints the token alone on the
last line. It is shown once: Vigil keeps only its hash. Send it as "Authorization: Bearer <token>".
The creation is recorded in Vigil's audit trail.

  --name N         a name to recognise the token by (letters, digits, spaces, _ . : -)
  --role R         analyst, admin or manager
  --days D         1..365
  ${DATA_DIR_HELP}`;

export const tokenCommand: Command = {
  name: 'token',
  summary: 'create an API token (token create --name N --role R --days D)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { name: { type: 'string' }, role: { type: 'string' }, days: { type: 'string' }, 'data-dir': { type: 'string' } },
      true,
    );
    if (positionals[0] !== 'create' || positionals.length !== 1) throw new UsageError('the only subcommand is "create"');
    const parsed = createApiTokenSchema.safeParse({
      name: values.name,
      role: values.role,
      expiresInDays: integerOption(values.days, 'days', 1, 365),
    });
    if (!parsed.success) {
      throw new UsageError(parsed.error.issues.map((issue) => `--${issue.path[0] === 'expiresInDays' ? 'days' : String(issue.path[0])}: ${issue.message}`).join('; '));
    }
    const state = openState(dataDirOf(values['data-dir'], io));
    try {
      const creator = `cli (${os.userInfo().username})`;
      const { token, secret } = state.tokens.create(parsed.data, creator);
      state.audit.append({
        action: 'createApiToken',
        actor: { id: 'cli', name: creator, kind: 'user' },
        sourceIp: 'localhost',
        userAgent: 'vigil cli',
        resource: { type: 'apiToken', id: token.id, name: token.name },
        code: 201,
        request: { after: token },
      });
      io.err(`Created API token "${token.name}" (role ${token.role}, expires ${new Date(token.expiresAt).toISOString()}).`);
      io.err('Copy it now; it cannot be shown again:');
      io.out(secret);
      return 0;
    } finally {
      state.close();
    }
  },
};
