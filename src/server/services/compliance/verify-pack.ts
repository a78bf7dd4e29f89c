/** Offline verification of an evidence pack: signature of the manifest, then the hash of every file. */
import { strFromU8, unzipSync } from 'fflate';
import { createPublicKey } from 'node:crypto';
import { MANIFEST, PACK_FORMAT, PUBLIC_KEY, SIGNATURE, sha256, type PackManifest } from './evidence-pack.ts';
import { fingerprintOf, verifyBytes } from './signing-key.ts';

export interface PackVerification {
  ok: boolean;
  signatureValid: boolean;
  /** Which key the signature was checked against. */
  keySource: 'given' | 'pack';
  keyFingerprint: string | null;
  manifest: PackManifest | null;
  /** What is wrong, naming each changed, missing or added file. */
  problems: string[];
}

export function verifyEvidencePack(zip: Uint8Array, trustedPublicKeyPem?: string): PackVerification {
  const problems: string[] = [];
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (error) {
    return { ok: false, signatureValid: false, keySource: trustedPublicKeyPem ? 'given' : 'pack', keyFingerprint: null, manifest: null, problems: [`not a readable ZIP file: ${(error as Error).message}`] };
  }
  const manifestBytes = files[MANIFEST];
  const signature = files[SIGNATURE];
  const packKey = files[PUBLIC_KEY] ? strFromU8(files[PUBLIC_KEY]) : undefined;
  const keyPem = trustedPublicKeyPem ?? packKey;
  let keyFingerprint: string | null = null;
  try {
    if (keyPem) keyFingerprint = fingerprintOf(createPublicKey(keyPem));
  } catch {
    problems.push('the public key is not a valid PEM key');
  }
  if (!manifestBytes) problems.push(`${MANIFEST} is missing`);
  if (!signature) problems.push(`${SIGNATURE} is missing`);
  if (!keyPem) problems.push(`no public key: pass --key or keep ${PUBLIC_KEY} in the pack`);
  const signatureValid = !!(manifestBytes && signature && keyPem && verifyBytes(keyPem, manifestBytes, strFromU8(signature)));
  if (manifestBytes && signature && keyPem && !signatureValid) problems.push(`${MANIFEST}: the signature does not match (the manifest or its signature was changed, or another key signed it)`);

  let manifest: PackManifest | null = null;
  if (manifestBytes) {
    try {
      manifest = JSON.parse(strFromU8(manifestBytes)) as PackManifest;
      if (manifest.format !== PACK_FORMAT || !Array.isArray(manifest.files)) throw new Error('unknown format');
    } catch (error) {
      problems.push(`${MANIFEST} is not a Vigil evidence manifest (${(error as Error).message})`);
      manifest = null;
    }
  }
  if (manifest) {
    const listed = new Set<string>();
    for (const entry of manifest.files) {
      listed.add(entry.path);
      const data = files[entry.path];
      if (!data) problems.push(`${entry.path}: missing`);
      else if (sha256(data) !== entry.sha256) problems.push(`${entry.path}: changed (SHA-256 differs from the manifest)`);
    }
    for (const name of Object.keys(files)) {
      if (name !== MANIFEST && name !== SIGNATURE && !listed.has(name) && !name.endsWith('/')) problems.push(`${name}: added, not in the manifest`);
    }
    if (trustedPublicKeyPem && packKey && packKey.trim() !== trustedPublicKeyPem.trim()) problems.push(`${PUBLIC_KEY}: differs from the trusted key`);
  }
  return { ok: problems.length === 0 && signatureValid, signatureValid, keySource: trustedPublicKeyPem ? 'given' : 'pack', keyFingerprint, manifest, problems };
}
