// Rules as code through the CLI: apply creates and updates by name and is idempotent, an invalid
// file changes nothing and lists every problem with line and field, export round-trips.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.ts';
import { openState } from '../state/index.ts';
import { openStore } from '../storage/index.ts';
import type { CliIo } from './command.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), env: {}, interactive: false };
  return { io, text: () => out.join('\n'), errors: () => err.join('\n') };
}

const RULES = `rules:
  - name: SSH guessing
    severity: critical
    condition:
      type: query
      query: '"Failed password"'
      logGroups: [prod]
      logStreams: [auth]
      windowSeconds: 300
      op: '>'
      threshold: 20
      groupBy: ip
  - name: Auth went quiet
    severity: minor
    condition: { type: absence, query: '', logGroups: [prod], windowSeconds: 900 }
`;

let dir: string;
const file = (name: string) => join(dir, name);
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-rules-cli-'));
  const store = await openStore({ kind: 'embedded', dataDir: dir });
  const group = await store.logs.ensureGroup({ name: 'prod', ttlInDays: 7 });
  await store.logs.ensureStream({ groupId: group.id, name: 'auth' });
  await store.close();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const rules = () => {
  const state = openState(dir);
  try {
    return state.alertRules.list().map((r) => [r.name, r.version]);
  } finally {
    state.close();
  }
};

describe('vigil rules', () => {
  it('applies a file by name, idempotently, and audits the changes', async () => {
    await writeFile(file('rules.yaml'), RULES);
    const first = capture();
    expect(await runCli(['rules', 'apply', file('rules.yaml'), '--data-dir', dir], first.io)).toBe(0);
    expect(first.text()).toContain('2 created, 0 updated, 0 unchanged');
    const again = capture();
    expect(await runCli(['rules', 'apply', file('rules.yaml'), '--data-dir', dir], again.io)).toBe(0);
    expect(again.text()).toContain('0 created, 0 updated, 2 unchanged');

    await writeFile(file('changed.yaml'), RULES.replace('threshold: 20', 'threshold: 30'));
    const changed = capture();
    expect(await runCli(['rules', 'apply', file('changed.yaml'), '--data-dir', dir], changed.io)).toBe(0);
    expect(changed.text()).toContain('updated: SSH guessing (version 1 -> 2)');
    expect(rules()).toEqual([
      ['Auth went quiet', 1],
      ['SSH guessing', 2],
    ]);
    const state = openState(dir);
    expect(state.audit.list({ limit: 10, actions: ['createAlertRule', 'updateAlertRule'] }).records).toHaveLength(3);
    state.close();
  });

  it('changes nothing when any part of the file is invalid, naming line and field of each problem', async () => {
    const bad = RULES.replace('threshold: 20', 'threshold: 25')
      .replace("query: '\"Failed password\"'", "query: 'status>=500 AND ('")
      .replace('[prod], windowSeconds: 900', '[nope], windowSeconds: 900');
    await writeFile(file('bad.yaml'), bad);
    const out = capture();
    expect(await runCli(['rules', 'apply', file('bad.yaml'), '--data-dir', dir], out.io)).toBe(1);
    expect(out.errors()).toContain('2 problems; nothing was changed');
    expect(out.errors()).toMatch(/bad\.yaml:6 {2}rules\.0\.condition\.query: .*at character/);
    expect(out.errors()).toMatch(/bad\.yaml:15 {2}rules\.1\.condition\.logStreams: unknown log group: nope/);
    expect(rules()).toEqual([
      ['Auth went quiet', 1],
      ['SSH guessing', 2],
    ]);
    await writeFile(file('syntax.yaml'), 'rules:\n  - name: [unclosed\n');
    const syntax = capture();
    expect(await runCli(['rules', 'apply', file('syntax.yaml'), '--data-dir', dir], syntax.io)).toBe(1);
    expect(syntax.errors()).toMatch(/syntax\.yaml:\d+/);
  });

  it('exports what apply reads back unchanged', async () => {
    const exported = capture();
    expect(await runCli(['rules', 'export', '--data-dir', dir], exported.io)).toBe(0);
    expect(exported.text()).toContain('name: SSH guessing');
    await writeFile(file('exported.yaml'), exported.text());
    const back = capture();
    expect(await runCli(['rules', 'apply', file('exported.yaml'), '--data-dir', dir], back.io)).toBe(0);
    expect(back.text()).toContain('0 created, 0 updated, 2 unchanged');
  });
});
