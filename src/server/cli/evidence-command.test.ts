import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceStatus } from '../../contract/index.ts';
import { collectEvidencePack } from '../services/compliance/evidence-pack.ts';
import { loadSigningKey } from '../services/compliance/signing-key.ts';
import { runCli } from '../cli.ts';
import type { CliIo } from './command.ts';

const status: ComplianceStatus = {
  framework: { id: 'gdpr', name: 'GDPR', version: '2016/679' },
  source: 'live', evaluatedAt: 1_800_000_000_000, score: 50, counts: { pass: 1, warn: 0, fail: 1, not_evaluable: 0 },
  controls: [],
  checks: [{ id: 'clock', title: 'Clock', status: 'pass', summary: '<script>alert(1)</script>', since: null, evaluatedAt: 1_800_000_000_000, evidence: [], evidenceTruncated: false }],
};

let dir: string;
let pack: string;
let files: Record<string, Uint8Array>;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-evidence-'));
  const zip = await collectEvidencePack({ status, from: 1_797_000_000_000, to: 1_800_000_000_000, snapshots: [], generatedBy: 'Ada', generatedAt: 1_800_000_000_000, vigilVersion: 'test', key: loadSigningKey(dir) });
  files = unzipSync(zip);
  pack = join(dir, 'pack.zip');
  await writeFile(pack, zip);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const out: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => out.push(t), env: {}, interactive: false };
  return runCli(['evidence', 'verify', ...args], io).then((code) => ({ code, text: out.join('\n') }));
}

describe('vigil evidence verify', () => {
  it('accepts an intact pack against the installation key and escapes the report', async () => {
    const { code, text } = await run([pack, '--data-dir', dir]);
    expect(text).toContain('Evidence pack intact');
    expect(text).toContain("this installation's key");
    expect(code).toBe(0);
    expect(new TextDecoder().decode(files['report.html'])).toContain('&lt;script&gt;');
    // The private key stays readable by Vigil's user only.
    expect((await stat(join(dir, 'evidence-signing-key.pem'))).mode & 0o777).toBe(0o600);
  });

  it('exits 1 naming the changed file', async () => {
    const changed = join(dir, 'changed.zip');
    await writeFile(changed, zipSync({ ...files, 'checks/clock.csv': strToU8('label,value\r\nforged,1\r\n') }));
    const { code, text } = await run([changed, '--data-dir', dir]);
    expect(code).toBe(1);
    expect(text).toContain('checks/clock.csv: changed');
  });

  it('refuses a pack signed by another key when the trusted key is given', async () => {
    const other = await mkdtemp(join(tmpdir(), 'vigil-evidence-other-'));
    const keyFile = join(other, 'key.pem');
    await writeFile(keyFile, loadSigningKey(other).publicKeyPem);
    const { code, text } = await run([pack, '--key', keyFile]);
    expect(code).toBe(1);
    expect(text).toContain('manifest.json: the signature does not match');
    await rm(other, { recursive: true, force: true });
  });
});
