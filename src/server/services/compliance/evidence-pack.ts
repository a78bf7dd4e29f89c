/**
 * Evidence packs: a ZIP an auditor can check offline. manifest.json names the framework, the
 * period, who generated it and when, and the SHA-256 of every other file; manifest.sig is the
 * Ed25519 signature of manifest.json's exact bytes; signing-key.pem is the public key.
 */
import { createHash } from 'node:crypto';
import { zipSync, strToU8 } from 'fflate';
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

export function buildEvidencePack(input: PackInput): Uint8Array {
  const { status } = input;
  const files: Record<string, Uint8Array> = {
    'report.html': strToU8(renderReport(input)),
    'controls.json': strToU8(JSON.stringify({ framework: status.framework, score: status.score, counts: status.counts, controls: status.controls }, null, 2)),
    'snapshots.json': strToU8(JSON.stringify(input.snapshots, null, 2)),
    [PUBLIC_KEY]: strToU8(input.key.publicKeyPem),
  };
  for (const check of status.checks) {
    files[`checks/${check.id}.json`] = strToU8(JSON.stringify(check, null, 2));
    files[`checks/${check.id}.csv`] = strToU8(checkCsv(check));
  }
  const manifest: PackManifest = {
    format: PACK_FORMAT,
    framework: status.framework,
    period: { from: input.from, to: input.to, fromIso: iso(input.from), toIso: iso(input.to) },
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy,
    vigilVersion: input.vigilVersion,
    score: status.score,
    keyFingerprint: input.key.fingerprint,
    files: Object.entries(files).sort(([a], [b]) => a.localeCompare(b)).map(([path, data]) => ({ path, sha256: sha256(data), bytes: data.length })),
  };
  const manifestBytes = strToU8(JSON.stringify(manifest, null, 2));
  files[MANIFEST] = manifestBytes;
  files[SIGNATURE] = strToU8(`${signBytes(input.key, manifestBytes)}\n`);
  // A fixed modification time keeps the ZIP's own bytes independent of the clock beyond the manifest.
  return zipSync(Object.fromEntries(Object.entries(files).map(([p, d]) => [p, [d, { mtime: new Date(input.generatedAt) }]])), { level: 6 });
}
