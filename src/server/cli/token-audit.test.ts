import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/embedded/sqlite.ts';
import { openState } from '../state/index.ts';
import { runCli } from '../cli.ts';
import type { CliIo } from './command.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: {}, interactive: false };
  return { io, out, err };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-cli-token-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('vigil token create and audit verify', () => {
  it('prints a working token alone on the last line and audits its creation', async () => {
    const run = capture();
    expect(await runCli(['token', 'create', '--name', 'siem export', '--role', 'analyst', '--days', '30', '--data-dir', dir], run.io)).toBe(0);
    const secret = run.out.at(-1) as string;
    expect(run.out).toHaveLength(1);
    expect(secret).toMatch(/^vgl_/);
    const state = openState(dir);
    try {
      expect(await state.tokens.verify(secret)).toMatchObject({ ok: true, principal: { roles: ['analyst'] } });
      expect(state.audit.list({ limit: 5 }).records[0]).toMatchObject({ trace_name: 'createApiToken', resource_name: 'siem export' });
    } finally {
      state.close();
    }
  });

  it('refuses bad options with the usage (exit 2)', async () => {
    const run = capture();
    expect(await runCli(['token', 'create', '--name', 'x', '--role', 'root', '--days', '3', '--data-dir', dir], run.io)).toBe(2);
    expect(run.err.join('\n')).toMatch(/--role[\s\S]*Usage: vigil token create/);
  });

  it('verifies an intact chain (exit 0) and names the first edited record (exit 1)', async () => {
    const intact = capture();
    expect(await runCli(['audit', 'verify', '--data-dir', dir], intact.io)).toBe(0);
    expect(intact.out.join('\n')).toMatch(/intact: 1 record verified/);

    const raw = openDatabase(join(dir, 'state.db'));
    raw.exec('DROP TRIGGER audit_records_no_update');
    raw.prepare("UPDATE audit_records SET record = replace(record, 'siem export', 'innocent') WHERE seq = 1").run();
    raw.close();
    const broken = capture();
    expect(await runCli(['audit', 'verify', '--data-dir', dir], broken.io)).toBe(1);
    expect(broken.out.join('\n')).toMatch(/BROKEN at record 1: content does not match its hash \(edited\)/);
  });
});
