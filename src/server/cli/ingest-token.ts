/** `vigil token create --scope ingest --group G…`: a token that may only push lines to named groups. */
import os from 'node:os';
import { ltsName } from '../../contract/index.ts';
import { openState } from '../state/index.ts';
import { UsageError, type CliIo } from './command.ts';

export interface IngestTokenArgs {
  name: string | undefined;
  groups: string[];
  days: number | undefined;
  rate: number | undefined;
  dataDir: string;
}

export function createIngestToken(args: IngestTokenArgs, io: CliIo): number {
  if (!args.name || !/^[\p{L}\p{N} _.:-]{1,64}$/u.test(args.name.trim())) throw new UsageError('--name: 1..64 letters, digits, spaces and _ . : -');
  if (args.days === undefined) throw new UsageError('--days is required');
  if (args.groups.length === 0) throw new UsageError('--group is required for an ingest token (repeat it or separate groups by commas)');
  for (const group of args.groups) {
    if (!ltsName.safeParse(group).success) throw new UsageError(`--group: invalid log group name "${group}"`);
  }
  const state = openState(args.dataDir);
  try {
    const creator = `cli (${os.userInfo().username})`;
    const { token, secret } = state.ingestTokens.create({ name: args.name.trim(), groups: args.groups, days: args.days, ratePerSecond: args.rate ?? null }, creator);
    state.audit.append({
      action: 'createIngestToken',
      actor: { id: 'cli', name: creator, kind: 'user' },
      sourceIp: 'localhost',
      userAgent: 'vigil cli',
      resource: { type: 'ingestToken', id: token.id, name: token.name },
      code: 201,
      request: { after: { ...token } },
    });
    io.err(`Created ingest token "${token.name}" for log groups ${token.groups.join(', ')} (expires ${new Date(token.expiresAt).toISOString()}${token.ratePerSecond ? `, ${token.ratePerSecond} lines/s` : ''}).`);
    io.err('It can only push lines (OTLP /v1/logs, LTS ingestion API). Copy it now; it cannot be shown again:');
    io.out(secret);
    return 0;
  } finally {
    state.close();
  }
}
