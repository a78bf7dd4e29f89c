import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectTimestamp, type TimestampContext } from './timestamps.ts';
import { wallClockToUtc } from './zoned-time.ts';

const NOW = Date.UTC(2026, 10, 26, 10, 37); // 2026-11-26T10:37Z
const UTC: TimestampContext = { now: NOW, zone: 'UTC' };
const BERLIN: TimestampContext = { now: NOW, zone: 'Europe/Berlin' };
const iso = (line: string, ctx = UTC) => {
  const found = detectTimestamp(line, ctx);
  return found ? `${found.format} ${new Date(found.time).toISOString()}` : null;
};

describe('detectTimestamp formats', () => {
  it('reads ISO-8601 with and without zone, with dot or comma fractions', () => {
    expect(iso('2026-11-26T09:12:04.123Z level=info msg=ok')).toBe('iso 2026-11-26T09:12:04.123Z');
    expect(iso('2026-11-26T09:12:04+01:00 started')).toBe('iso 2026-11-26T08:12:04.000Z');
    expect(iso('2026-11-26 09:12:04 -0500 started')).toBe('iso 2026-11-26T14:12:04.000Z');
    expect(iso('2026-11-26 09:12:04,978 INFO [main] Service: up')).toBe('iso 2026-11-26T09:12:04.978Z');
    expect(iso('2026-11-26 09:12:04.123456789 x')).toBe('iso 2026-11-26T09:12:04.123Z');
    expect(iso('2026-11-26 09:12:04, Info  CBS  Loaded')).toBe('iso 2026-11-26T09:12:04.000Z');
    expect(iso('2026-11-26 09:12:04,747 - WARN  [Worker@1] - x')).toBe('iso 2026-11-26T09:12:04.747Z');
  });

  it('finds an ISO time after a leading field (OpenStack file prefixes)', () => {
    expect(iso('nova-api.log.1.2026-11-16_13:53:08 2026-11-16 00:00:00.008 25746 INFO nova.api [req-1] GET /')).toBe('iso 2026-11-16T00:00:00.008Z');
  });

  it('reads syslog, klog, Apache error, nginx error, access-log and epoch-prefixed lines', () => {
    expect(iso('Nov  6 15:16:01 web-01 CRON[42]: (root) CMD (true)')).toBe('syslog 2026-11-06T15:16:01.000Z');
    expect(iso('<34>Nov 26 10:00:00 host app: hi')).toBe('syslog 2026-11-26T10:00:00.000Z');
    expect(iso('I1126 09:12:04.123456       1 node.go:222] mounted')).toBe('klog 2026-11-26T09:12:04.123Z');
    expect(iso('[Thu Nov 26 04:47:44 2026] [error] child in error state 6')).toBe('apache-error 2026-11-26T04:47:44.000Z');
    expect(iso('[Thu Nov 26 04:47:44.123456 2026] [core:notice] [pid 1] AH00094')).toBe('apache-error 2026-11-26T04:47:44.123Z');
    expect(iso('2026/11/26 09:12:04 [error] 1201#1201: *5 upstream timed out')).toBe('slash-date 2026-11-26T09:12:04.000Z');
    expect(iso('10.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 200 2326')).toBe('clf 2000-10-10T20:55:36.000Z');
    expect(iso('- 1131566461 2005.11.09 dn228 Nov 9 12:01:01 dn228/dn228 crond[1]: x')).toBe('epoch-prefix 2005-11-09T20:01:01.000Z');
  });

  it('reads the time field of JSON lines, in any epoch unit or ISO', () => {
    expect(iso('{"level":30,"time":1795084631089,"msg":"ok"}')).toBe('json-field 2026-11-19T10:37:11.089Z');
    expect(iso('{"ts":1795084631.5,"msg":"ok"}')).toBe('json-field 2026-11-19T10:37:11.500Z');
    expect(iso('{"msg":"ok","timestamp":"2026-11-19T10:37:11.089Z"}')).toBe('json-field 2026-11-19T10:37:11.089Z');
  });

  it('returns null for lines without a timestamp and for impossible dates', () => {
    expect(detectTimestamp('\tat com.example.Foo.bar(Foo.java:12)', UTC)).toBeNull();
    expect(detectTimestamp('Caused by: java.net.SocketTimeoutException: Read timed out', UTC)).toBeNull();
    expect(detectTimestamp('2026-02-31 10:00:00 not a day', UTC)).toBeNull();
    expect(detectTimestamp('2026-11-26 25:00:00 not an hour', UTC)).toBeNull();
    expect(detectTimestamp('Foo 12 10:00:00 not a month', UTC)).toBeNull();
  });
});

describe('zones', () => {
  it('reads zone-less times in the given IANA zone, across daylight saving time', () => {
    expect(iso('2026-07-01 12:00:00 summer', BERLIN)).toBe('iso 2026-07-01T10:00:00.000Z');
    expect(iso('2026-01-15 12:00:00 winter', BERLIN)).toBe('iso 2026-01-15T11:00:00.000Z');
    expect(iso('Jul  1 12:00:00 host app: x', BERLIN)).toBe('syslog 2026-07-01T10:00:00.000Z');
    expect(iso('2026-07-01 12:00:00 x', { now: NOW, zone: 'America/New_York' })).toBe('iso 2026-07-01T16:00:00.000Z');
    // An explicit offset wins over the zone.
    expect(iso('2026-07-01T12:00:00Z x', BERLIN)).toBe('iso 2026-07-01T12:00:00.000Z');
  });

  it('maps the spring-forward gap forward and keeps the hours around the switch exact', () => {
    const wall = (h: number, m: number) => Date.UTC(2026, 2, 29, h, m);
    expect(new Date(wallClockToUtc(wall(1, 59), 'Europe/Berlin')).toISOString()).toBe('2026-03-29T00:59:00.000Z');
    expect(new Date(wallClockToUtc(wall(2, 30), 'Europe/Berlin')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(new Date(wallClockToUtc(wall(3, 0), 'Europe/Berlin')).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });
});

describe('year inference for year-less formats', () => {
  it('takes the latest year that does not lie in the future', () => {
    const january: TimestampContext = { now: Date.UTC(2027, 0, 3, 12), zone: 'UTC' };
    expect(iso('Dec 31 23:59:59 host app: late', january)).toBe('syslog 2026-12-31T23:59:59.000Z');
    expect(iso('Jan  3 11:00:00 host app: today', january)).toBe('syslog 2027-01-03T11:00:00.000Z');
    // Up to a day ahead is tolerated (clock drift, a host zone ahead of ours); more is last year.
    expect(iso('Jan  4 06:00:00 host app: drift', january)).toBe('syslog 2027-01-04T06:00:00.000Z');
    expect(iso('Jan  9 06:00:00 host app: old', january)).toBe('syslog 2026-01-09T06:00:00.000Z');
  });

  it('finds a leap year for 29 February', () => {
    expect(iso('Feb 29 10:00:00 host app: leap', UTC)).toBe('syslog 2024-02-29T10:00:00.000Z');
  });
});

const LOGHUB = new URL('../../../../shared/data/loghub/', import.meta.url);
const haveLoghub = existsSync(LOGHUB);
if (!haveLoghub) console.warn(`loghub samples not found at ${LOGHUB.pathname}; skipping the real-file timestamp checks`);

describe.skipIf(!haveLoghub)('first line of each loghub sample', () => {
  const cases: [file: string, expected: string][] = [
    ['Apache_2k.log', 'apache-error 2005-12-04T04:47:44.000Z'],
    ['Hadoop_2k.log', 'iso 2015-10-18T18:01:47.978Z'],
    ['Linux_2k.log', 'syslog 2026-06-14T15:16:01.000Z'],
    ['OpenSSH_2k.log', 'syslog 2025-12-10T06:55:46.000Z'],
    ['OpenStack_2k.log', 'iso 2017-05-16T00:00:00.008Z'],
    ['Thunderbird_2k.log', 'epoch-prefix 2005-11-09T20:01:01.000Z'],
    ['Windows_2k.log', 'iso 2016-09-28T04:30:30.000Z'],
    ['Zookeeper_2k.log', 'iso 2015-07-29T17:41:44.747Z'],
  ];
  it.each(cases)('%s', (file, expected) => {
    const text = readFileSync(new URL(file, LOGHUB), 'utf8');
    const lines = text.split(/\r?\n/);
    expect(iso(lines[0]!)).toBe(expected);
    // And every other line of the sample is dated too.
    expect(lines.filter((line) => detectTimestamp(line, UTC) === null)).toEqual([]);
  });
});
