/**
 * Contract-shaped search data for the view's tests (imported only by *.test.tsx files). Times are
 * fixed so rendered text is stable; each factory takes overrides so a test states what it is about.
 */
import type { LogContext, LogFacets, LogHistogram, LogLine, LogSearchPage } from '../../contract/schemas/log-search.ts';

export const T = Date.UTC(2026, 10, 25, 2, 14, 58, 887);
const HOUR = 3_600_000;

let seq = 0;
export function makeLine(overrides: Partial<LogLine> = {}): LogLine {
  seq += 1;
  return {
    id: String(1795572898887000000n + BigInt(seq)),
    time: T - seq * 1000,
    group: 'ecs-prod',
    stream: 'auth',
    content: `Nov 25 02:14:58 ecs-bastion-01 sshd[${43600 + seq}]: Failed password for root from 185.220.101.47 port 37850 ssh2`,
    labels: { level: 'WARN', hostName: 'ecs-bastion-01', appName: 'sshd', pathFile: '/var/log/auth.log' },
    highlights: [
      { start: 44, end: 59 },
      { start: 74, end: 88 },
    ],
    ...overrides,
  };
}

export function makePage(lines: LogLine[], overrides: Partial<LogSearchPage> = {}): LogSearchPage {
  return { lines, cursor: null, complete: true, total: lines.length, scanned: lines.length, from: T - 7 * 24 * HOUR, to: T + HOUR, ...overrides };
}

export function makeHistogram(overrides: Partial<LogHistogram> = {}): LogHistogram {
  return {
    from: T - 4 * HOUR,
    to: T + HOUR,
    bucketMs: HOUR,
    buckets: [{ start: T - HOUR, end: T, count: 360, byLevel: { WARN: 360 } }],
    total: 360,
    complete: true,
    ...overrides,
  };
}

export function makeFacets(overrides: Partial<LogFacets> = {}): LogFacets {
  return {
    facets: [
      { field: 'level', values: [{ value: 'WARN', count: 360 }, { value: 'INFO', count: 12 }], other: 0, missing: 0 },
      { field: 'stream', values: [{ value: 'auth', count: 372, group: 'ecs-prod' }], other: 0, missing: 0 },
      { field: 'hostName', values: [{ value: 'ecs-bastion-01', count: 372 }], other: 0, missing: 0 },
      { field: 'appName', values: [{ value: 'sshd', count: 372 }], other: 0, missing: 0 },
    ],
    lines: 372,
    complete: true,
    from: T - 7 * 24 * HOUR,
    to: T + HOUR,
    ...overrides,
  };
}

export function makeContext(line: LogLine, before: LogLine[], after: LogLine[]): LogContext {
  const strip = ({ highlights: _highlights, ...rest }: LogLine) => rest;
  return { line: strip(line), before: before.map(strip), after: after.map(strip), moreBefore: true, moreAfter: false };
}
