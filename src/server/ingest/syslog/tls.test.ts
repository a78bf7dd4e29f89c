import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../logger.ts';
import { createIngestTestApp, searchLines, type IngestTestApp } from '../testing.ts';
import { startSyslog, type SyslogListeners } from './server.ts';

const hasOpenssl = spawnSync('sh', ['-c', 'command -v openssl']).status === 0;
if (!hasOpenssl) console.warn('syslog TLS test: openssl is not installed; skipped');

let dir: string;
let t: IngestTestApp;
let syslog: SyslogListeners;

/** A CA, a server certificate for 127.0.0.1 and a client certificate, all signed by the CA. */
function makeCertificates(): void {
  const ssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  ssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=vigil-test-ca']);
  for (const [name, extra] of [['server', 'subjectAltName=IP:127.0.0.1'], ['client', 'extendedKeyUsage=clientAuth']] as const) {
    ssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
    writeFileSync(path.join(dir, `${name}.ext`), `${extra}\n`);
    ssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`]);
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-tls-'));
  t = await createIngestTestApp();
  if (!hasOpenssl) return;
  makeCertificates();
  syslog = await startSyslog(
    {
      host: '127.0.0.1', tcpPort: undefined, udpPort: undefined, tlsPort: 0,
      tls: { cert: path.join(dir, 'server.crt'), key: path.join(dir, 'server.key'), ca: path.join(dir, 'ca.crt') },
      allow: [], group: 'syslog', stream: '${host}', routes: '',
    },
    t.ingest.queue, silentLogger,
  );
}, 60_000);
afterAll(async () => {
  await syslog?.close();
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

async function send(frame: string, withClientCert: boolean): Promise<void> {
  const ca = await readFile(path.join(dir, 'ca.crt'));
  const cert = withClientCert ? { cert: await readFile(path.join(dir, 'client.crt')), key: await readFile(path.join(dir, 'client.key')) } : {};
  await new Promise<void>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: syslog.ports.tls!, ca, ...cert }, () => socket.end(frame));
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
    socket.resume();
  });
}

describe('syslog over TLS with client certificates', () => {
  it.skipIf(!hasOpenssl)('takes lines from a sender with a certificate the CA signed, refuses one without', async () => {
    const message = (text: string) => {
      const msg = `<86>1 ${new Date().toISOString()} vpn-gw-1 openvpn 77 - - ${text}`;
      return `${Buffer.byteLength(msg)} ${msg}`;
    };
    await send(message('tls-with-cert'), true);
    await send(message('tls-without-cert'), false);
    let found = await searchLines(t, 'tls-with-cert');
    for (let i = 0; i < 50 && found.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      found = await searchLines(t, 'tls-with-cert');
    }
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ group: 'syslog', stream: 'vpn-gw-1', labels: { appName: 'openvpn', facility: 'authpriv' } });
    expect(await searchLines(t, 'tls-without-cert')).toEqual([]);
  });
});
