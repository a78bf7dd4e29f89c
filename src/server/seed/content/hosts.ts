/**
 * The machines behind the demo logs, with the labels ICAgent attaches to their lines, plus the
 * shared types of the content generators.
 */
import type { NewLogLine } from '../../storage/ports.ts';
import type { Rng } from '../prng.ts';
import type { Level } from '../topology.ts';

/** Produces one line at `time` with the given level; generators keep their own state (pids, sessions). */
export type LineGenerator = (time: number, level: Level) => NewLogLine;

export interface Host {
  name: string;
  ip: string;
  role: 'web' | 'app' | 'bastion';
  /** Boot time offset: hosts have been up for different lengths of time (kernel uptime stamps). */
  bootedDaysAgo: number;
}

export const ECS_HOSTS: readonly Host[] = [
  { name: 'ecs-web-01', ip: '10.0.1.11', role: 'web', bootedDaysAgo: 41 },
  { name: 'ecs-web-02', ip: '10.0.1.12', role: 'web', bootedDaysAgo: 41 },
  { name: 'ecs-web-03', ip: '10.0.1.13', role: 'web', bootedDaysAgo: 12 },
  { name: 'ecs-app-01', ip: '10.0.2.21', role: 'app', bootedDaysAgo: 63 },
  { name: 'ecs-app-02', ip: '10.0.2.22', role: 'app', bootedDaysAgo: 63 },
  { name: 'ecs-bastion-01', ip: '10.0.0.10', role: 'bastion', bootedDaysAgo: 97 },
];

export const BASTION = ECS_HOSTS.find((h) => h.role === 'bastion') as Host;
export const WEB_HOSTS = ECS_HOSTS.filter((h) => h.role === 'web');
export const APP_HOSTS = ECS_HOSTS.filter((h) => h.role === 'app');

/** Linux accounts on the ECS hosts: the deploy user plus one per engineer. */
export const LINUX_USERS: readonly { name: string; uid: number }[] = [
  { name: 'deploy', uid: 1001 },
  { name: 'anna', uid: 1002 },
  { name: 'jonas', uid: 1003 },
  { name: 'lena', uid: 1004 },
  { name: 'mehmet', uid: 1005 },
  { name: 'sophie', uid: 1006 },
  { name: 'tobias', uid: 1007 },
];

/** Process ids grow over time per host, as they do on a real machine. */
export class PidCounter {
  private readonly pids = new Map<string, number>();
  private readonly rng: Rng;

  constructor(rng: Rng) {
    this.rng = rng;
  }

  next(host: string): number {
    let pid = (this.pids.get(host) ?? 1000 + this.rng.int(0, 20_000)) + this.rng.int(1, 40);
    if (pid > 4_194_000) pid = 1000; // pid_max wrap-around
    this.pids.set(host, pid);
    return pid;
  }
}

/** ICAgent labels for a line read from a file on an ECS host. */
export function hostLabels(host: Host, pathFile: string, appName: string, level: Level): Record<string, string> {
  return { hostName: host.name, hostIP: host.ip, pathFile, appName, level, category: 'LTS' };
}

export function base64ish(rng: Rng, length: number): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < length; i++) out += chars[Math.floor(rng.next() * 64)];
  return out;
}
