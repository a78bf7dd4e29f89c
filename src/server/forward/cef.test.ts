// CEF over syslog with real receivers: Debian's rsyslog over TCP writes what it got to a file the
// test reads; Vigil's own syslog TLS listener takes the TLS variant (rsyslog's TLS driver is a
// separate Debian package) and refuses nothing; a wrong CA is refused by the forwarder.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import { createServer as createTlsServer } from 'node:tls';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.ts';
import { createIngestTestApp, searchLines, type IngestTestApp } from '../ingest/testing.ts';
import { startSyslog, type SyslogListeners } from '../ingest/syslog/server.ts';
import { makeTrace } from '../storage/embedded/test-helpers.ts';
import { eventually } from '../testing/eventually.ts';
import { createForwardFixture, type ForwardFixture } from './testing/fixture.ts';

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const hasRsyslog = has('rsyslogd');
const hasOpenssl = has('openssl');
if (!process.env.CI && !hasRsyslog) console.warn('CEF forwarding test: rsyslogd is not installed (apt-get install rsyslog); the rsyslog test is skipped');
const RSYSLOG_PORT = 8313;

let dir: string;
let f: ForwardFixture;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-cef-'));
  f = await createForwardFixture();
  const t = f.clock.now - 120_000;
  await f.store.traces.appendTraces([
    makeTrace('t-normal', { time: t, trace_rating: 'normal', trace_name: 'listBuckets' }),
    makeTrace('t-warning', { time: t + 1, trace_rating: 'warning', trace_name: 'createSecurityGroupRule', service_type: 'VPC', resource_type: 'security_group_rule', resource_name: 'sg-bastion|22=0.0.0.0/0', user: { id: 'u-7', name: 'mehmet.yilmaz', domain: { id: 'd-1', name: 'OTC-EU-DE-1' } }, source_ip: '45.155.205.233', code: '200' }),
    makeTrace('t-incident', { time: t + 1, trace_rating: 'incident', trace_name: 'deleteTracker', service_type: 'CTS', resource_type: 'tracker', resource_name: 'system\nline2', code: '403' }),
  ]);
});
afterAll(async () => {
  await f.close();
  await rm(dir, { recursive: true, force: true });
});

describe('syslog CEF forwarder', () => {
  it.skipIf(!hasRsyslog && !process.env.CI)('sends CTS traces as CEF in RFC 5424 to rsyslog over TCP, which writes them to a file', async () => {
    const out = path.join(dir, 'cef.log');
    const conf = path.join(dir, 'rsyslog.conf');
    await writeFile(conf, [
      `global(workDirectory="${dir}")`,
      'module(load="imtcp")',
      `template(name="cefline" type="string" string="%syslogseverity%|%app-name%|%msgid%|%msg%\\n")`,
      'ruleset(name="cef") {',
      `  action(type="omfile" file="${out}" template="cefline")`,
      '}',
      `input(type="imtcp" address="127.0.0.1" port="${RSYSLOG_PORT}" ruleset="cef")`,
    ].join('\n'));
    const rsyslog: ChildProcess = spawn('rsyslogd', ['-n', '-f', conf, '-i', path.join(dir, 'rsyslog.pid')], { stdio: 'ignore' });
    try {
      const id = f.create({ source: { kind: 'traces', service_type: [], trace_name: [], trace_rating: ['warning', 'incident'], trace_type: [], resource_type: [], user: [] }, destination: { format: 'cef', host: '127.0.0.1', port: RSYSLOG_PORT, transport: 'tcp' } });
      // rsyslog takes a moment to listen: the forwarder retries until it does.
      await eventually(async () => {
        await f.drain(id);
        return f.state.forwarders.get(id)!.delivered;
      }, (n) => n === 2);
      const written = await eventually(() => readFile(out, 'utf8').catch(() => ''), (text) => text.split('\n').filter(Boolean).length >= 2);
      // Same millisecond: sent in trace id order, the incident first.
      const lines = written.split('\n').filter(Boolean);
      expect(lines).toHaveLength(2);
      expect(lines[1]).toBe(
        '4|vigil|cts|CEF:0|Open Telekom Cloud|CTS|v1|VPC:createSecurityGroupRule|createSecurityGroupRule|6|' +
          `rt=${f.clock.now - 120_000 + 1} act=createSecurityGroupRule cat=VPC suser=mehmet.yilmaz suid=u-7 sntdom=OTC-EU-DE-1 src=45.155.205.233 outcome=success externalId=t-warning ` +
          'cs1Label=resourceType cs1=security_group_rule cs2Label=resourceId cs2=b-1 cs3Label=resourceName cs3=sg-bastion|22\\=0.0.0.0/0 cs4Label=requestId cs4=req-1 cs5Label=traceType cs5=ApiCall cn1Label=httpStatus cn1=200',
      );
      // The incident: severity 9 (syslog 2), failure, the line break escaped inside the value.
      expect(lines[0]).toMatch(/^2\|vigil\|cts\|CEF:0\|Open Telekom Cloud\|CTS\|v1\|CTS:deleteTracker\|deleteTracker\|9\|.* outcome=failure .*cs3=system\\nline2 /);
    } finally {
      rsyslog.kill('SIGTERM');
    }
  });

  it.skipIf(!hasOpenssl)('sends over TLS, checking the receiver\'s certificate against the given CA', { timeout: 60_000 }, async () => {
    const ssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
    for (const ca of ['ca', 'other-ca']) ssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${ca}.key`, '-out', `${ca}.crt`, '-days', '2', '-subj', `/CN=${ca}`]);
    ssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=server']);
    writeFileSync(path.join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\n');
    ssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'server.ext']);
    const t: IngestTestApp = await createIngestTestApp();
    const syslog: SyslogListeners = await startSyslog(
      { host: '127.0.0.1', tcpPort: undefined, udpPort: undefined, tlsPort: 0, tls: { cert: path.join(dir, 'server.crt'), key: path.join(dir, 'server.key'), ca: undefined }, allow: ['127.0.0.1/32'], group: 'siem', stream: '${app}', routes: '' },
      t.ingest.queue, silentLogger,
    );
    try {
      const source = { kind: 'traces' as const, service_type: ['CTS'], trace_name: [], trace_rating: [], trace_type: [], resource_type: [], user: [] };
      // A receiver whose certificate the given CA did not sign: refused, the cursor stays.
      const impostor = createTlsServer({ cert: await readFile(path.join(dir, 'server.crt')), key: await readFile(path.join(dir, 'server.key')) });
      impostor.on('connection', (socket) => sockets.push(socket));
      const sockets: Socket[] = [];
      await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
      const wrong = f.create({ source, destination: { format: 'cef', host: '127.0.0.1', port: (impostor.address() as AddressInfo).port, transport: 'tls', caPem: await readFile(path.join(dir, 'other-ca.crt'), 'utf8') } });
      await f.drain(wrong);
      for (const socket of sockets) socket.destroy();
      impostor.close();
      expect(f.state.forwarders.get(wrong)).toMatchObject({ delivered: 0, lastError: expect.stringMatching(/verify the first certificate/) });
      const right = f.create({ source, destination: { format: 'cef', host: '127.0.0.1', port: syslog.ports.tls!, transport: 'tls', caPem: await readFile(path.join(dir, 'ca.crt'), 'utf8') } });
      await f.drain(right);
      expect(f.state.forwarders.get(right)!.delivered).toBe(1);
      const found = await eventually(() => searchLines(t, 'deleteTracker'), (l) => l.length === 1);
      expect(found[0]).toMatchObject({ group: 'siem', stream: 'vigil', labels: { appName: 'vigil', syslogFormat: 'rfc5424', severity: 'crit' } });
      expect(found[0]!.content).toMatch(/^CEF:0\|Open Telekom Cloud\|CTS\|v1\|CTS:deleteTracker\|deleteTracker\|9\|/);
    } finally {
      await syslog.close();
      await t.close();
    }
  });
});
