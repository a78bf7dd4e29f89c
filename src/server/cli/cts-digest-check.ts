/** The digest part of `vigil import-cts --digest`: verify, print, and keep the results in state.db. */
import { readFile } from 'node:fs/promises';
import { verifyTraceFiles, type DigestInput, type TraceFileVerification } from '../ingest/cts-digest.ts';
import { MAX_CTS_FILE_BYTES } from '../ingest/cts-import.ts';
import { openState } from '../state/index.ts';
import type { CliIo } from './command.ts';

const WORDS: Record<TraceFileVerification['status'], string> = {
  verified: 'verified', changed: 'CHANGED', signature_invalid: 'DIGEST SIGNATURE INVALID', unsigned: 'not verifiable', not_covered: 'not covered',
};

async function bounded(file: string): Promise<Buffer> {
  const bytes = await readFile(file);
  if (bytes.length > MAX_CTS_FILE_BYTES) throw new Error(`${file}: larger than ${MAX_CTS_FILE_BYTES} bytes`);
  return bytes;
}

async function signatureOf(file: string): Promise<string | null> {
  try {
    return (await readFile(`${file}.sig`, 'utf8')).trim().slice(0, 4096) || null;
  } catch {
    return null;
  }
}

/** Returns false when a trace file was changed or a digest's signature fails. */
export async function checkDigests(dataDir: string, traceFiles: string[], digestFiles: string[], io: CliIo, json: boolean): Promise<boolean> {
  const digests: DigestInput[] = [];
  for (const file of digestFiles) digests.push({ file, bytes: await bounded(file), signature: await signatureOf(file) });
  const traces = [];
  for (const file of traceFiles) traces.push({ file, bytes: await bounded(file) });
  const { files, problems } = verifyTraceFiles(digests, traces);
  const state = openState(dataDir);
  try {
    state.ctsVerifications.record(files);
  } finally {
    state.close();
  }
  if (json) io.out(JSON.stringify({ digestProblems: problems, files }, null, 2));
  else {
    for (const problem of problems) io.out(`Digest: ${problem}`);
    for (const f of files) io.out(`Digest check ${f.file}: ${WORDS[f.status]} (${f.detail})`);
  }
  return problems.length === 0 && files.every((f) => f.status !== 'changed' && f.status !== 'signature_invalid');
}
