import { describe, expect, it } from 'vitest';
import { SyslogFramer } from './framing.ts';
import { parseSyslog } from './parse.ts';
import { SyslogRouter } from './routing.ts';

const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);

describe('syslog parsing', () => {
  it('reads RFC 5424 with structured data into labels', () => {
    const m = parseSyslog('<165>1 2026-12-06T11:59:58.123Z web-1 nginx 4242 ID47 [exampleSDID@32473 iut="3" eventSource="App\\"lic\\]ation"][meta sequenceId="17"] \uFEFFupstream timed out', '10.0.0.5', NOW);
    expect(m.malformed).toBe(false);
    expect(m.record).toEqual({
      time: Date.UTC(2026, 11, 6, 11, 59, 58, 123),
      content: 'upstream timed out',
      labels: {
        category: 'syslog', syslogFormat: 'rfc5424', hostIP: '10.0.0.5', facility: 'local4', severity: 'notice', level: 'INFO', hostName: 'web-1', appName: 'nginx', procId: '4242', msgId: 'ID47',
        'sd.exampleSDID@32473.iut': '3', 'sd.exampleSDID@32473.eventSource': 'App"lic]ation', 'sd.meta.sequenceId': '17',
      },
    });
    expect(m.sequenceId).toBe(17);
  });

  it('reads RFC 5424 with nil values and no message', () => {
    const m = parseSyslog('<14>1 - - - - - -', '10.0.0.5', NOW);
    expect(m.record).toMatchObject({ time: null, content: '', labels: { facility: 'user', severity: 'info' } });
    expect(m.host).toBe('10.0.0.5');
  });

  it('reads RFC 3164 with the year that puts the time just before now', () => {
    const m = parseSyslog('<38>Dec  6 11:58:00 bastion sshd[981]: Failed password for root from 185.220.101.47', '10.0.0.9', NOW);
    expect(m.record).toMatchObject({ time: Date.UTC(2026, 11, 6, 11, 58), content: 'Failed password for root from 185.220.101.47', labels: { hostName: 'bastion', appName: 'sshd', procId: '981', facility: 'auth', severity: 'info' } });
    const lastYear = parseSyslog('<38>Dec 31 23:00:00 bastion cron: x', '10.0.0.9', Date.UTC(2027, 0, 1, 0, 30));
    expect(lastYear.record.time).toBe(Date.UTC(2026, 11, 31, 23));
  });

  it('keeps what matches neither as a raw line and says so', () => {
    const m = parseSyslog('hello <script>alert(1)</script>', '10.0.0.1', NOW);
    expect(m).toMatchObject({ malformed: true, record: { time: null, content: 'hello <script>alert(1)</script>', labels: { syslogFormat: 'raw', hostIP: '10.0.0.1' } } });
    expect(parseSyslog('<999>1 2026-12-06T11:59:58Z a b c d - x', '10.0.0.1', NOW).malformed).toBe(true);
  });
});

describe('TCP framing', () => {
  it('splits octet-counted and newline frames, also across chunk boundaries', () => {
    const framer = new SyslogFramer();
    const data = Buffer.from('11 <14>1 - - -<13>Dec  6 1:2:3 h a: one\n18 <14>1 - - - - - x\n<14>last');
    const frames: string[] = [];
    for (let i = 0; i < data.length; i += 3) frames.push(...framer.push(data.subarray(i, i + 3)).map(String));
    expect(frames).toEqual(['<14>1 - - -', '<13>Dec  6 1:2:3 h a: one', '<14>1 - - - - - x\n']);
    expect(String(framer.end())).toBe('<14>last');
  });

  it('cuts frames over the bound instead of buffering them', () => {
    const framer = new SyslogFramer();
    const frames = framer.push(Buffer.concat([Buffer.from('<14>'), Buffer.alloc(300 * 1024, 0x61), Buffer.from('\n<14>next\n')]));
    expect(frames.map((f) => f.length)).toEqual([256 * 1024, 8]);
    expect(framer.cut).toBe(1);
  });
});

describe('syslog routing', () => {
  const router = new SyslogRouter('syslog', '${host}', 'app=sshd:ecs-prod/auth; host=web-*:web/${app}');
  it('takes the first matching rule, else the default group with the stream by host', () => {
    expect(router.route({ host: 'bastion', app: 'sshd', facility: 'auth', address: '10.0.0.1' })).toEqual({ group: 'ecs-prod', stream: 'auth' });
    expect(router.route({ host: 'web-3', app: 'nginx', facility: 'local4', address: '10.0.0.1' })).toEqual({ group: 'web', stream: 'nginx' });
    expect(router.route({ host: 'db/1 <x>', app: '', facility: 'user', address: '10.0.0.1' })).toEqual({ group: 'syslog', stream: 'db-1--x-' });
  });
  it('refuses a malformed rule naming it', () => {
    expect(() => new SyslogRouter('syslog', '${host}', 'colour=red:a/b')).toThrow(/rule 1 "colour=red:a\/b"/);
  });
});
