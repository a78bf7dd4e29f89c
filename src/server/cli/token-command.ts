/** `vigil token create`: an API token from the server's shell, for bootstrapping automation. */
import os from 'node:os';
import { createApiTokenSchema } from '../../contract/index.ts';
import { openState } from '../state/index.ts';
import { createIngestToken } from './ingest-token.ts';
import { DATA_DIR_HELP, dataDirOf, integerOption, parseCommandArgs, UsageError, type Command } from './command.ts';

const usage = `Usage: vigil token create --name N --role analyst|admin|manager --days D [--data-dir DIR]
       vigil token create --scope ingest --group G [--group G2…] --name N --days D [--rate LINES_PER_S]

Creates an API token with one role that expires after D days, and prints the token alone on the
last line. It is shown once: Vigil keeps only its hash. Send it as "Authorization: Bearer <token>".
The creation is recorded in Vigil's audit trail.

  --name N         a name to recognise the token by (letters, digits, spaces, _ . : -)
  --role R         analyst, admin or manager
  --days D         1..365
  --scope ingest   a token that may only push lines (OTLP, LTS ingestion API) to the --group(s)
  --rate N         ingest tokens: lines per second (default $VIGIL_INGEST_RATE_PER_TOKEN)
  ${DATA_DIR_HELP}`;

export const tokenCommand: Command = {
  name: 'token',
  summary: 'create an API token (token create --name N --role R --days D)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        name: { type: 'string' }, role: { type: 'string' }, days: { type: 'string' }, 'data-dir': { type: 'string' },
        scope: { type: 'string' }, group: { type: 'string', multiple: true }, rate: { type: 'string' },
      },
      true,
    );
    if (positionals[0] !== 'create' || positionals.length !== 1) throw new UsageError('the only subcommand is "create"');
    if (values.scope !== undefined && values.scope !== 'ingest') throw new UsageError('--scope: the only scope is "ingest"');
    if (values.scope === 'ingest') {
      if (values.role !== undefined) throw new UsageError('an ingest token has no role: leave out --role');
      return createIngestToken({
        name: values.name,
        groups: (values.group ?? []).flatMap((g) => g.split(',')).map((g) => g.trim()).filter(Boolean),
        days: integerOption(values.days, 'days', 1, 365),
        rate: integerOption(values.rate, 'rate', 1, 10_000_000),
        dataDir: dataDirOf(values['data-dir'], io),
      }, io);
    }
    if (values.group !== undefined || values.rate !== undefined) throw new UsageError('--group and --rate are for --scope ingest tokens');
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
