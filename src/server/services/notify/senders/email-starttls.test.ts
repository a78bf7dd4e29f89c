// E-mail over STARTTLS against a real SMTP server with a certificate made for the test: the
// message arrives over TLS when the relay's certificate is trusted, and is refused when it is not.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowList } from '../../../outbound/address-policy.ts';
import { OutboundClient } from '../../../outbound/client.ts';
import { sendEmail } from './email.ts';

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let dir: string;
let cert = '';
let smtp: SMTPServer;
let port = 0;
const received: Array<{ secure: boolean; raw: string }> = [];

beforeAll(async () => {
  if (!hasOpenssl) return;
  dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-smtp-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=smtp.test',
    '-addext', 'subjectAltName=DNS:smtp.test', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
  cert = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
  smtp = new SMTPServer({
    key: readFileSync(path.join(dir, 'key.pem')),
    cert,
    authOptional: true,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ secure: session.secure, raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  port = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  if (!hasOpenssl) return;
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

// The relay's name resolves (through the test resolver) to the local server; the name is allow-listed.
const client = new OutboundClient({ allow: parseAllowList('smtp.test'), resolver: async () => [{ address: '127.0.0.1', family: 4 }] });
const settings = () => ({ host: 'smtp.test', port, security: 'starttls' as const, from: 'vigil@example.com' });

describe.skipIf(!hasOpenssl)('e-mail over STARTTLS', () => {
  it('delivers over TLS when the relay certificate is trusted, checking the name', async () => {
    await sendEmail(client, settings(), { to: ['sec@example.com'], subject: 'over tls', text: 'hello' }, { ca: cert, timeoutMs: 5000 });
    expect(received.at(-1)).toMatchObject({ secure: true, raw: expect.stringContaining('Subject: over tls') });
  });

  it('refuses a relay whose certificate it cannot verify (verification is never turned off)', async () => {
    const before = received.length;
    await expect(sendEmail(client, settings(), { to: ['sec@example.com'], subject: 'x', text: 'x' }, { timeoutMs: 5000 })).rejects.toMatchObject({
      message: expect.stringMatching(/certificate/i),
    });
    expect(received.length).toBe(before);
  });
});
