import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../logger.ts';
import { createIngestTestApp, searchLines, type IngestTestApp } from '../testing.ts';
import { startSyslog, type SyslogListeners } from './server.ts';
import { eventually } from '../../testing/eventually.ts';

const run = promisify(execFile);
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
// Real senders: Debian's logger(1) and rsyslog (.ci/run installs rsyslog). Outside CI a machine
// without them skips these tests and says why; in CI their absence fails.
const hasLogger = has('logger');
const hasRsyslog = has('rsyslogd');
if (!process.env.CI && !hasRsyslog) console.warn('syslog tests: rsyslogd is not installed (apt-get install rsyslog); the rsyslog forwarding test is skipped');
if (!process.env.CI && !hasLogger) console.warn('syslog tests: logger(1) is not installed (bsdutils); the logger tests are skipped');

let t: IngestTestApp;
let syslog: SyslogListeners;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-syslog-'));
  t = await createIngestTestApp();
  syslog = await startSyslog(
    { host: '127.0.0.1', tcpPort: 0, udpPort: 0, tlsPort: undefined, tls: undefined, allow: ['127.0.0.1/32'], group: 'syslog', stream: '${host}', routes: 'app=sshd:ecs-prod/auth' },
    t.ingest.queue, silentLogger,
  );
});
afterAll(async () => {
  await syslog.close();
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

describe('syslog receivers with real senders', () => {
  it.skipIf(!hasLogger && !process.env.CI)('logger(1) over UDP (RFC 5424) and over TCP (octet counting and newline framing)', async () => {
    await run('logger', ['-n', '127.0.0.1', '-P', String(syslog.ports.udp), '-d', '--rfc5424', '-t', 'myapp', '-p', 'local3.warning', '--sd-id', 'order@32473', '--sd-param', 'id="42"', 'udp-from-logger works']);
    await run('logger', ['-n', '127.0.0.1', '-P', String(syslog.ports.tcp), '-T', '--octet-count', '--rfc5424', '-t', 'sshd', '-p', 'auth.info', 'Failed password for root from 185.220.101.47']);
    await run('logger', ['-n', '127.0.0.1', '-P', String(syslog.ports.tcp), '-T', '--rfc3164', '-t', 'cron', 'newline-framed bsd line']);
    const udp = await eventually(() => searchLines(t, 'udp-from-logger'), (l) => l.length === 1);
    expect(udp[0]).toMatchObject({ group: 'syslog', stream: os.hostname().replace(/[^A-Za-z0-9_.-]/g, '-'), labels: { appName: 'myapp', facility: 'local3', severity: 'warning', level: 'WARN', 'sd.order@32473.id': '42', syslogFormat: 'rfc5424' } });
    const tcp = await eventually(() => searchLines(t, '"Failed password"'), (l) => l.length === 1);
    expect(tcp[0]).toMatchObject({ group: 'ecs-prod', stream: 'auth', labels: { appName: 'sshd', facility: 'auth' } });
    const bsd = await eventually(() => searchLines(t, '"newline-framed bsd line"'), (l) => l.length === 1);
    expect(bsd[0]!.labels).toMatchObject({ appName: 'cron', syslogFormat: 'rfc3164' });
  });

  it.skipIf(!hasRsyslog && !process.env.CI)('rsyslog forwards to Vigil over TCP, every line arrives once', async () => {
    const conf = path.join(dir, 'rsyslog.conf');
    await writeFile(conf, [
      `global(workDirectory="${dir}")`,
      'module(load="imudp")',
      'input(type="imudp" address="127.0.0.1" port="8511")',
      `action(type="omfwd" target="127.0.0.1" port="${syslog.ports.tcp}" protocol="tcp" TCP_Framing="octet-counted" template="RSYSLOG_SyslogProtocol23Format")`,
    ].join('\n'));
    const rsyslog: ChildProcess = spawn('rsyslogd', ['-n', '-f', conf, '-i', path.join(dir, 'rsyslog.pid')], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 1_000));
      for (let i = 0; i < 50; i++) await run('logger', ['-n', '127.0.0.1', '-P', '8511', '-d', '--rfc3164', '-t', 'relayed', `via-rsyslog ${i}`]);
      const lines = await eventually(() => searchLines(t, 'via-rsyslog'), (l) => l.length >= 50);
      expect(lines.map((l) => l.content).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `via-rsyslog ${i}`).sort());
      expect(lines[0]!.labels).toMatchObject({ appName: 'relayed', syslogFormat: 'rfc5424' });
    } finally {
      rsyslog.kill('SIGTERM');
    }
  });

  it('counts malformed lines, keeps them raw, and refuses senders off the allow-list', async () => {
    const before = t.ingest.queue.status().receivers.find((r) => r.name === 'syslog-tcp')?.malformed ?? 0;
    await new Promise<void>((resolve, reject) => {
      const socket = connect(syslog.ports.tcp!, '127.0.0.1', () => socket.end('no header at all, raw-kept-line\n'));
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    const raw = await eventually(() => searchLines(t, 'raw-kept-line'), (l) => l.length === 1);
    expect(raw[0]).toMatchObject({ content: 'no header at all, raw-kept-line', stream: '127.0.0.1', labels: { syslogFormat: 'raw' } });
    expect(t.ingest.queue.status().receivers.find((r) => r.name === 'syslog-tcp')!.malformed).toBe(before + 1);

    const guarded = await startSyslog(
      { host: '127.0.0.1', tcpPort: 0, udpPort: undefined, tlsPort: undefined, tls: undefined, allow: ['10.0.0.0/8'], group: 'syslog', stream: '${host}', routes: '' },
      t.ingest.queue, silentLogger,
    );
    try {
      await new Promise<void>((resolve) => {
        const socket = connect(guarded.ports.tcp!, '127.0.0.1', () => socket.write('<14>1 - - - - - - refused-sender-line\n'));
        socket.on('close', () => resolve());
        socket.on('error', () => undefined);
      });
    } finally {
      await guarded.close();
    }
    expect(t.ingest.queue.status().receivers.find((r) => r.name === 'syslog-tcp')!.rejected.forbidden_sender).toBe(1);
    expect(await searchLines(t, 'refused-sender-line')).toEqual([]);
  });
});
