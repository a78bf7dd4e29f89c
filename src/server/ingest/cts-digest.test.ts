// CTS digest verification as the CTS user guide documents it, against digests signed for the
// test with the documented scheme (SHA256withRSA over end time + object + MD5 + previous
// signature): a chain verifies, a changed trace file or digest fails, a digest without a known
// signature is reported as such, and a digest not signed by CTS's key never passes.
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../cli/command.ts';
import { runCli } from '../cli.ts';
import { openState } from '../state/index.ts';
import { makeTrace } from '../storage/embedded/test-helpers.ts';
import { verifyTraceFiles, type DigestInput } from './cts-digest.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');
const PREFIX = 'CloudTraces/eu-de/2026/11/20/system';

function traceFile(name: string, ids: string[]) {
  return { file: `/obs/${name}`, bytes: new Uint8Array(gzipSync(JSON.stringify(ids.map((id) => makeTrace(id))))) };
}

/** A digest as CTS writes it, with the signature CTS would put in OBS's meta-signature. */
function digest(end: string, files: { file: string; bytes: Uint8Array }[], previous: { object: string; signature: string } | null, key: KeyObject = privateKey) {
  const object = `${PREFIX}/Digest/ECS/vigil_CloudTrace-Digest_eu-de_${end}.json.gz`;
  const json = {
    project_id: 'p', digest_start_time: end, digest_end_time: end, digest_bucket: 'b', digest_object: object, digest_signature_algorithm: 'SHA256withRSA', digest_end: false,
    previous_digest_object: previous?.object ?? null, previous_digest_signature: previous?.signature ?? null, previous_digest_end: false,
    log_files: files.map((f) => ({ bucket: 'b', object: `${PREFIX}/ECS/${f.file.split('/').pop()}`, log_hash_value: md5(f.bytes), log_hash_algorithm: 'MD5' })),
  };
  const bytes = new Uint8Array(gzipSync(JSON.stringify(json)));
  const signature = sign('sha256', Buffer.from(`${end}${object}${md5(bytes)}${previous?.signature ?? ''}`), key).toString('hex');
  return { object, bytes, signature, file: `/obs/${object.split('/').pop()}` };
}

const a = traceFile('vigil_CloudTrace_eu-de_2026-11-20T01-00-00Z_a.json.gz', ['t1', 't2']);
const b = traceFile('vigil_CloudTrace_eu-de_2026-11-20T02-00-00Z_b.json.gz', ['t3']);
const first = digest('2026-11-20T01-10-00Z', [a], null);
const second = digest('2026-11-20T02-10-00Z', [b], { object: first.object, signature: first.signature });
const input = (d: typeof first, signature: string | null): DigestInput => ({ file: d.file, bytes: d.bytes, signature });

describe('CTS digest verification', () => {
  it('verifies a chain: the older digest by the newer one, the newest by its meta-signature', () => {
    const { files, problems } = verifyTraceFiles([input(first, null), input(second, second.signature)], [a, b], publicKey);
    expect(problems).toEqual([]);
    expect(files.map((f) => f.status)).toEqual(['verified', 'verified']);
  });

  it('names a trace file changed by one byte, and a decompressed copy', () => {
    const changed = { ...a, bytes: Uint8Array.from(a.bytes, (v, i) => (i === a.bytes.length - 5 ? v ^ 1 : v)) };
    const plain = { file: b.file, bytes: new Uint8Array(Buffer.from(JSON.stringify([makeTrace('t3')]))) };
    const { files } = verifyTraceFiles([input(first, null), input(second, second.signature)], [changed, plain], publicKey);
    expect(files[0]).toMatchObject({ status: 'changed', detail: expect.stringMatching(/was changed/) });
    expect(files[1]).toMatchObject({ status: 'changed', detail: expect.stringMatching(/as CTS stored it \(gzip\)/) });
  });

  it('fails a changed digest: its signature no longer matches', () => {
    const tampered = { ...second, bytes: new Uint8Array(gzipSync(JSON.stringify({ digest_end_time: '2026-11-20T02-10-00Z', digest_object: second.object, log_files: [{ object: b.file, log_hash_value: md5(b.bytes) }] }))) };
    const { files, problems } = verifyTraceFiles([input(tampered, second.signature)], [b], publicKey);
    expect(files[0]?.status).toBe('signature_invalid');
    expect(problems[0]).toMatch(/signature does not match/);
  });

  it('reports what it cannot verify instead of passing it: no signature, no digest listing the file', () => {
    const other = traceFile('vigil_CloudTrace_eu-de_2026-11-20T03-00-00Z_c.json.gz', ['t9']);
    const { files } = verifyTraceFiles([input(second, null)], [b, other], publicKey);
    expect(files.map((f) => f.status)).toEqual(['unsigned', 'not_covered']);
    expect(files[0]?.detail).toMatch(/\.sig/);
  });

  it("never passes a digest that CTS's published key did not sign", () => {
    const { files } = verifyTraceFiles([input(second, second.signature)], [b]);
    expect(files[0]?.status).toBe('signature_invalid');
  });
});

describe('vigil import-cts --digest', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-cts-digest-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('checks the files against the digests, keeps the results for the integrity check and exits 1 on a digest CTS did not sign', async () => {
    const tracePath = join(dir, b.file.split('/').pop()!);
    const digestPath = join(dir, second.file.split('/').pop()!);
    await writeFile(tracePath, b.bytes);
    await writeFile(digestPath, second.bytes);
    await writeFile(`${digestPath}.sig`, `${second.signature}\n`);
    const out: string[] = [];
    const io: CliIo = { out: (t) => out.push(t), err: (t) => out.push(t), env: {}, interactive: false };
    expect(await runCli(['import-cts', tracePath, '--digest', digestPath, '--data-dir', join(dir, 'data')], io)).toBe(1);
    expect(out.join('\n')).toMatch(/DIGEST SIGNATURE INVALID/);
    expect(out.join('\n')).toMatch(/Imported .*: 1 records/);
    const state = openState(join(dir, 'data'));
    try {
      expect(state.ctsVerifications.summary()).toMatchObject({ files: 1, counts: { signature_invalid: 1, verified: 0 } });
    } finally {
      state.close();
    }
  });
});
