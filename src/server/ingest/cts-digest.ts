/**
 * Verification of CTS trace files with CTS digest files, as the CTS user guide documents it
 * ("Verifying Trace File Integrity" and "Digest Files", cts_03_0021 / cts_03_0014):
 *
 * - A digest file (…_CloudTrace-Digest_….json.gz) lists the trace files CTS wrote in one hour with
 *   the hex MD5 of each stored object (`log_files[].log_hash_value`, the OBS ETag).
 * - CTS signs each digest with SHA256withRSA over
 *   digest_end_time + digest_object + hex(MD5(the digest file's stored, compressed bytes)) + previous_digest_signature.
 *   The signature itself is not in the file: OBS keeps it as the object's `meta-signature`
 *   metadata, and the next digest repeats it as `previous_digest_signature`. So a run of
 *   consecutive digests verifies itself except the newest, whose signature the user copies from
 *   OBS into a `DIGEST.sig` file beside it (hex, as OBS shows it).
 *
 * Trace files must be given as CTS stored them (gzip): the MD5 is of those bytes.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** CTS's RSA public key for digest signatures, as published in the CTS user guide (cts_03_0021). */
export const CTS_DIGEST_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsjQDkl8COPRhOCvm7ZI8sYZ20ojl+ay/gwRSk9q0gkY3pP0RrAhSsEzgYdYjaMCqixkmbpt4AH9AROJU4drnoCAZSMqRxgv0bGC9kVd4q95l4zibswAsksjuNQo/XoJjBl+rRAqCa+1uetgVU4k4Yx8RryYxYx/tImvMe/O4mGAIaTf+rsqt3VXR1QIj5lYR/nx41BEgC/Kb1elYAfDaaab8WS5INRprj7qdu6oAo4Ug47WqbecvEtG3JRpj5+oqLyW41Fvse3osC0h5DQdxTt4x00/rVZ+gH7Kua00y7gC8YOxFVpYbfn/oW61PUDeHG/N9hUjOrIgDDJpD2YbCIQIDAQAB';

export function ctsPublicKey(): KeyObject {
  return createPublicKey({ key: Buffer.from(CTS_DIGEST_PUBLIC_KEY, 'base64'), format: 'der', type: 'spki' });
}

export interface DigestJson {
  digest_end_time: string;
  digest_object: string;
  previous_digest_object?: string | null;
  previous_digest_signature?: string | null;
  log_files: { object: string; log_hash_value: string; log_hash_algorithm?: string }[];
}

export interface DigestInput {
  file: string;
  /** The digest file's bytes as stored (compressed). */
  bytes: Uint8Array;
  /** Hex signature from OBS's meta-signature (the DIGEST.sig file), if given. */
  signature: string | null;
}

export type TraceFileStatus = 'verified' | 'changed' | 'signature_invalid' | 'unsigned' | 'not_covered';

export interface TraceFileVerification {
  file: string;
  md5: string;
  status: TraceFileStatus;
  digest: string | null;
  detail: string;
}

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');
const isGzip = (b: Uint8Array) => b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;

/** The digest's JSON, or why the file is not a CTS digest. */
export function parseDigest(bytes: Uint8Array): DigestJson | { reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(isGzip(bytes) ? gunzipSync(bytes, { maxOutputLength: 64 * 1024 * 1024 }) : bytes).toString('utf8'));
  } catch (error) {
    return { reason: `not readable JSON (${(error as Error).message.slice(0, 100)})` };
  }
  const d = value as Partial<DigestJson> | null;
  if (!d || typeof d !== 'object' || typeof d.digest_end_time !== 'string' || typeof d.digest_object !== 'string') {
    return { reason: 'not a CTS digest file (digest_end_time and digest_object missing)' };
  }
  const files = Array.isArray(d.log_files) ? d.log_files : [];
  if (!files.every((f) => f && typeof f.object === 'string' && typeof f.log_hash_value === 'string')) return { reason: 'log_files entries need object and log_hash_value' };
  return { ...d, log_files: files } as DigestJson;
}

/** The message CTS signs for a digest (documented signature string). */
export function signatureMessage(digest: DigestJson, bytes: Uint8Array): string {
  return `${digest.digest_end_time}${digest.digest_object}${md5(bytes)}${digest.previous_digest_signature ?? ''}`;
}

/**
 * Verifies the digests (their signatures, from the chain or DIGEST.sig) and then each trace file
 * against the digest that lists it. Digests that cannot be read are returned as problems.
 */
export function verifyTraceFiles(
  digests: DigestInput[],
  traceFiles: { file: string; bytes: Uint8Array }[],
  publicKey: KeyObject = ctsPublicKey(),
): { files: TraceFileVerification[]; problems: string[] } {
  const problems: string[] = [];
  const parsed: { input: DigestInput; json: DigestJson }[] = [];
  for (const input of digests) {
    const json = parseDigest(input.bytes);
    if ('reason' in json) problems.push(`${input.file}: ${json.reason}`);
    else parsed.push({ input, json });
  }
  // A newer digest carries the signature of the one before it.
  const chained = new Map<string, string>();
  for (const { json } of parsed) if (json.previous_digest_object && json.previous_digest_signature) chained.set(json.previous_digest_object, json.previous_digest_signature);
  const byTraceName = new Map<string, { digest: string; hash: string; state: 'valid' | 'invalid' | 'unsigned' }>();
  for (const { input, json } of parsed) {
    const signature = input.signature ?? chained.get(json.digest_object) ?? null;
    let state: 'valid' | 'invalid' | 'unsigned' = 'unsigned';
    if (signature !== null) {
      const ok = /^[0-9a-f]+$/i.test(signature) && verify('sha256', Buffer.from(signatureMessage(json, input.bytes), 'utf8'), publicKey, Buffer.from(signature, 'hex'));
      state = ok ? 'valid' : 'invalid';
      if (!ok) problems.push(`${input.file}: the signature does not match (the digest was changed, or it is not from CTS)`);
    }
    for (const entry of json.log_files) byTraceName.set(basename(entry.object), { digest: basename(input.file), hash: entry.log_hash_value.toLowerCase(), state });
  }
  const files = traceFiles.map(({ file, bytes }): TraceFileVerification => {
    const hash = md5(bytes);
    const listed = byTraceName.get(basename(file));
    if (!listed) return { file, md5: hash, status: 'not_covered', digest: null, detail: 'no given digest file lists it' };
    if (listed.state === 'invalid') return { file, md5: hash, status: 'signature_invalid', digest: listed.digest, detail: `its digest ${listed.digest} fails its signature` };
    if (listed.hash !== hash) {
      const why = isGzip(bytes) ? 'its MD5 differs from the digest: the file was changed' : 'its MD5 differs from the digest: give the file as CTS stored it (gzip), or it was changed';
      return { file, md5: hash, status: 'changed', digest: listed.digest, detail: why };
    }
    if (listed.state === 'unsigned') {
      return { file, md5: hash, status: 'unsigned', digest: listed.digest, detail: `MD5 matches ${listed.digest}, but that digest's signature is unknown (put OBS's meta-signature in ${listed.digest}.sig, or add the next digest)` };
    }
    return { file, md5: hash, status: 'verified', digest: listed.digest, detail: `MD5 matches ${listed.digest}, whose CTS signature verifies` };
  });
  return { files, problems };
}
