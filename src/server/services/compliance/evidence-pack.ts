/**
 * Evidence packs: a ZIP an auditor can check offline. manifest.json names the framework, the
 * period, who generated it and when, and the SHA-256 of every other file; manifest.sig is the
 * Ed25519 signature of manifest.json's exact bytes; signing-key.pem is the public key.
 */
import { createHash } from 'node:crypto';
import { Zip, ZipDeflate, strToU8 } from 'fflate';
import type { CheckResult, ComplianceStatus } from '../../../contract/index.ts';
import { csvRow } from '../../export/csv.ts';
import type { SnapshotRow } from '../../state/compliance-state.ts';
import { iso } from './model.ts';
import { renderReport } from './report-html.ts';
import { signBytes, type SigningKey } from './signing-key.ts';

export const PACK_FORMAT = 'vigil-evidence-pack/1';
export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';
export const PUBLIC_KEY = 'signing-key.pem';

export interface PackManifest {
  format: typeof PACK_FORMAT;
  framework: { id: string; name: string; version: string };
  period: { from: number; to: number; fromIso: string; toIso: string };
  generatedAt: number;
  generatedBy: string;
  vigilVersion: string;
  score: number | null;
  keyFingerprint: string;
  files: { path: string; sha256: string; bytes: number }[];
}

export interface PackInput {
  status: ComplianceStatus;
  from: number;
  to: number;
  snapshots: SnapshotRow[];
  generatedBy: string;
  generatedAt: number;
  vigilVersion: string;
  key: SigningKey;
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function checkCsv(check: CheckResult): string {
  return csvRow(['label', 'value', 'status', 'time', 'link']) +
    check.evidence.map((e) => csvRow([e.label, e.value, e.status ?? '', e.time === null ? '' : iso(e.time), e.link ? `${e.link.kind}:${e.link.id}` : ''])).join('');
}

/** The pack's files in manifest order, each made only when the stream reaches it. */
function packFiles(input: PackInput): Array<[string, () => Uint8Array]> {
  const { status } = input;
  const files: Array<[string, () => Uint8Array]> = [
    ['report.html', () => strToU8(renderReport(input))],
    ['controls.json', () => strToU8(JSON.stringify({ framework: status.framework, score: status.score, counts: status.counts, controls: status.controls }, null, 2))],
    ['snapshots.json', () => strToU8(JSON.stringify(input.snapshots, null, 2))],
    [PUBLIC_KEY, () => strToU8(input.key.publicKeyPem)],
  ];
  for (const check of status.checks) {
    files.push([`checks/${check.id}.json`, () => strToU8(JSON.stringify(check, null, 2))]);
    files.push([`checks/${check.id}.csv`, () => strToU8(checkCsv(check))]);
  }
  return files.sort(([a], [b]) => a.localeCompare(b));
}

/**
 * The pack as ZIP chunks, file by file: each file is hashed and compressed as it is produced and
 * its compressed bytes leave before the next file is made, so the whole ZIP is never held in
 * memory. The manifest (every file's SHA-256) and its signature come last, once all hashes are known.
 */
export async function* evidencePackChunks(input: PackInput): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else out.push(data);
  });
  // A fixed modification time keeps the ZIP's own bytes independent of the clock beyond the manifest.
  const add = (path: string, data: Uint8Array) => {
    const file = new ZipDeflate(path, { level: 6 });
    file.mtime = new Date(input.generatedAt);
    zip.add(file);
    file.push(data, true);
  };
  const listed: PackManifest['files'] = [];
  for (const [path, make] of packFiles(input)) {
    const data = make();
    listed.push({ path, sha256: sha256(data), bytes: data.length });
    add(path, data);
    if (failure) throw failure;
    yield* out.splice(0);
  }
  const { status } = input;
  const manifest: PackManifest = {
    format: PACK_FORMAT,
    framework: status.framework,
    period: { from: input.from, to: input.to, fromIso: iso(input.from), toIso: iso(input.to) },
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy,
    vigilVersion: input.vigilVersion,
    score: status.score,
    keyFingerprint: input.key.fingerprint,
    files: listed,
  };
  const manifestBytes = strToU8(JSON.stringify(manifest, null, 2));
  add(MANIFEST, manifestBytes);
  add(SIGNATURE, strToU8(`${signBytes(input.key, manifestBytes)}\n`));
  zip.end();
  if (failure) throw failure;
  yield* out.splice(0);
}

/** The pack as a web stream (for HTTP responses); chunks are produced as the reader pulls. */
export function evidencePackStream(input: PackInput): ReadableStream<Uint8Array> {
  const chunks = evidencePackChunks(input);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

export class PackTooLargeError extends Error {}

/** The whole pack in memory, refused past `maxBytes` (e-mail attachments, tests). */
export async function collectEvidencePack(input: PackInput, maxBytes = Number.POSITIVE_INFINITY): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of evidencePackChunks(input)) {
    total += chunk.length;
    if (total > maxBytes) throw new PackTooLargeError(`the evidence pack exceeds ${maxBytes} bytes`);
    parts.push(chunk);
  }
  const whole = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.length;
  }
  return whole;
}
