/** `vigil evidence verify FILE.zip`: checks an evidence pack offline and names what was changed. */
import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SIGNING_KEY_FILE } from '../services/compliance/signing-key.ts';
import { verifyEvidencePack } from '../services/compliance/verify-pack.ts';
import { DATA_DIR_HELP, dataDirOf, parseCommandArgs, UsageError, type Command } from './command.ts';

const usage = `Usage: vigil evidence verify FILE.zip [--key PUBLIC_KEY.pem] [--data-dir DIR]

Checks an evidence pack without a running Vigil: the Ed25519 signature of manifest.json, then the
SHA-256 of every file the manifest lists. Exits 0 when all is intact, 1 naming every changed,
missing or added file.

The signature is checked against --key (the PEM from GET /api/compliance/signing-key), else the key
of the Vigil installation in the data folder, else the key inside the pack (then compare its
fingerprint with the one Vigil shows).

  --key FILE       trusted public key (PEM)
  ${DATA_DIR_HELP}`;

export const evidenceCommand: Command = {
  name: 'evidence',
  summary: 'verify a compliance evidence pack offline (evidence verify FILE.zip)',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { key: { type: 'string' }, 'data-dir': { type: 'string' } }, true);
    if (positionals[0] !== 'verify' || positionals.length !== 2) throw new UsageError('expected: evidence verify FILE.zip');
    const file = positionals[1] as string;
    let trusted: string | undefined;
    let keyFrom = 'the key inside the pack (compare its fingerprint with the one Vigil shows)';
    if (values.key) {
      trusted = readFileSync(values.key, 'utf8');
      keyFrom = values.key;
    } else {
      const installed = path.join(dataDirOf(values['data-dir'], io), SIGNING_KEY_FILE);
      if (existsSync(installed)) {
        trusted = createPublicKey(readFileSync(installed, 'utf8')).export({ type: 'spki', format: 'pem' }).toString();
        keyFrom = `this installation's key (${installed})`;
      }
    }
    const result = verifyEvidencePack(readFileSync(file), trusted);
    const manifest = result.manifest;
    if (manifest) {
      io.out(`Evidence pack: ${manifest.framework.name}, ${manifest.period.fromIso} to ${manifest.period.toIso}, generated ${new Date(manifest.generatedAt).toISOString()} by ${manifest.generatedBy} (Vigil ${manifest.vigilVersion}), ${manifest.files.length} files.`);
    }
    io.out(`Signature checked against ${keyFrom}; key fingerprint ${result.keyFingerprint ?? 'unknown'}.`);
    if (result.ok) {
      io.out(`Evidence pack intact: signature valid, all ${manifest?.files.length ?? 0} file hashes match.`);
      return 0;
    }
    io.out(`Evidence pack NOT intact${result.signatureValid ? ' (the signature is valid, but files differ)' : ''}:`);
    for (const problem of result.problems) io.out(`  - ${problem}`);
    return 1;
  },
};
