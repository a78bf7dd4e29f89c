import { describe, expect, it } from 'vitest';
import { detectLevel, labelsFor } from './line-labels.ts';

describe('detectLevel', () => {
  it.each([
    ['2026-11-26 09:12:04,978 INFO [main] o.a.h.Service: up', 'INFO'],
    ['2026-11-26 09:12:04,747 - WARN  [Worker@1] - x', 'WARN'],
    ['2026-11-26 09:12:04.008 25746 ERROR nova.compute [req-1] boom', 'ERROR'],
    ['[Thu Nov 26 04:47:44 2026] [notice] jk2_init() Found child 6725', 'INFO'],
    ['[Thu Nov 26 04:47:44 2026] [error] mod_jk child workerEnv in error state 6', 'ERROR'],
    ['2026/11/26 09:12:04 [warn] 1201#1201: *5 an upstream response is buffered', 'WARN'],
    ['2026-11-26 09:12:04, Warning               CBS    Failed to get session', 'WARN'],
    ['{"level":"debug","msg":"cache lookup"}', 'DEBUG'],
    ['2026-11-26T09:12:04Z FATAL out of memory', 'ERROR'],
  ])('%s → %s', (line, level) => {
    expect(detectLevel(line)).toBe(level);
  });

  it('leaves the level out when the line does not state one', () => {
    expect(detectLevel('Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186')).toBeNull();
  });
});

describe('labelsFor', () => {
  it('takes host and program from a syslog header', () => {
    expect(labelsFor('Nov 26 10:00:00 web-01 sshd[42]: Accepted publickey for deploy', '/var/log/auth.log')).toEqual({
      pathFile: '/var/log/auth.log', category: 'LTS', hostName: 'web-01', appName: 'sshd',
    });
  });
});
