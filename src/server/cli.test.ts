import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from './cli/command.ts';
import { runCli } from './cli.ts';

function capture(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env, interactive: false };
  return { io, out, err, text: () => out.join('\n'), errors: () => err.join('\n') };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('vigil CLI', () => {
  it('lists the commands on help and exits 2 without a command', async () => {
    const help = capture();
    expect(await runCli(['help'], help.io)).toBe(0);
    expect(help.text()).toMatch(/seed .*\n.*import/);
    const none = capture();
    expect(await runCli([], none.io)).toBe(2);
    expect(none.errors()).toMatch(/Usage: vigil <command>/);
  });

  it('exits 2 with a message and the usage for unknown commands and options', async () => {
    const unknown = capture();
    expect(await runCli(['frobnicate'], unknown.io)).toBe(2);
    expect(unknown.errors()).toMatch(/unknown command "frobnicate"/);
    const badOption = capture();
    expect(await runCli(['seed', '--colour', 'red'], badOption.io)).toBe(2);
    expect(badOption.errors()).toMatch(/--colour[\s\S]*Usage: vigil seed/);
    const badNumber = capture();
    expect(await runCli(['seed', '--lines', 'many'], badNumber.io)).toBe(2);
    expect(badNumber.errors()).toMatch(/--lines must be a whole number/);
    const noGroup = capture();
    expect(await runCli(['import', 'x.log', '--stream', 's'], noGroup.io)).toBe(2);
    expect(noGroup.errors()).toMatch(/--group is required/);
  });

  it('seeds an empty data dir (from VIGIL_DATA_DIR), then refuses to seed it again', async () => {
    const dataDir = join(dir, 'seeded');
    const first = capture({ VIGIL_DATA_DIR: dataDir });
    expect(await runCli(['seed', '--lines', '6_000', '--days', '7', '--now', '2026-11-26T10:37:00Z'], first.io)).toBe(0);
    expect(first.text()).toMatch(/6,000 lines, 600 traces in [\d.]+ s \([\d,]+ lines\/s\)/);
    expect(first.text()).toMatch(/2026-11-25 02:05:00 UTC {2}ssh-brute-force/);
    expect(first.errors()).toMatch(/seed: [\d,]+ \/ 6,000 lines/);

    const again = capture();
    expect(await runCli(['seed', '--data-dir', dataDir, '--lines', '6000'], again.io)).toBe(1);
    expect(again.errors()).toMatch(/already holds 6000 log lines[\s\S]*fresh --data-dir/);
  });

  it('imports a file and prints the report; a missing file is an error (exit 1)', async () => {
    const file = join(dir, 'auth.log');
    await writeFile(file, 'Nov 26 10:00:00 web-01 sshd[42]: Accepted publickey for deploy\n\tcontinued\n');
    const dataDir = join(dir, 'imported');
    const ok = capture();
    expect(await runCli(['import', file, '--group', 'hosts', '--stream', 'auth', '--data-dir', dataDir], ok.io)).toBe(0);
    expect(ok.text()).toMatch(/2 of 2 lines loaded/);
    expect(ok.text()).toMatch(/syslog 1; 1 line without one took the previous line's time/);

    // The same file again: already complete, nothing repeated; --force imports it again.
    const json = capture();
    expect(await runCli(['import', file, '--group', 'hosts', '--stream', 'auth', '--json', '--data-dir', dataDir], json.io)).toBe(0);
    expect(JSON.parse(json.text())).toMatchObject({ loaded: 0, resume: { kind: 'already_complete' }, groupCreated: false, streamCreated: false });
    const forced = capture();
    expect(await runCli(['import', file, '--group', 'hosts', '--stream', 'auth', '--json', '--force', '--data-dir', dataDir], forced.io)).toBe(0);
    expect(JSON.parse(forced.text())).toMatchObject({ loaded: 2, resume: { kind: 'fresh', why: 'forced' } });

    const missing = capture();
    expect(await runCli(['import', join(dir, 'nope.log'), '--group', 'g', '--stream', 's', '--data-dir', dataDir], missing.io)).toBe(1);
    expect(missing.errors()).toMatch(/vigil import: cannot read .*nope\.log: no such file/);
  });
});
