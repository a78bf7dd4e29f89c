/**
 * The demo tenant's log groups and streams, shaped like a small production setup on OTC: an ECS
 * web shop, a CCE cluster, network security services and the CTS tracker's LTS export.
 */
import type { RhythmProfile } from './rhythm.ts';

export type Level = 'INFO' | 'WARN' | 'ERROR' | 'DEBUG';
export const LEVELS: readonly Level[] = ['INFO', 'WARN', 'ERROR', 'DEBUG'];

/** Share of each level in a stream, in percent, ordered as LEVELS. */
export type LevelMix = readonly [info: number, warn: number, error: number, debug: number];

export type ContentKind =
  | 'syslog'
  | 'auth'
  | 'nginx-access'
  | 'nginx-error'
  | 'java-app'
  | 'k8s-shop'
  | 'k8s-ingress'
  | 'k8s-system'
  | 'vpc-flow'
  | 'cfw-attack'
  | 'waf-attack';

export interface GroupSpec {
  name: string;
  ttlInDays: number;
  tags: Record<string, string>;
}

export interface StreamSpec {
  group: string;
  name: string;
  /** Own retention when it differs from the group's. */
  ttlInDays?: number;
  /** Share of the background (non-scenario, non-CTS) lines, in percent. */
  share: number;
  rhythm: RhythmProfile;
  kind: ContentKind;
  levels: LevelMix;
}

export const CTS_GROUP = 'CTS';
export const CTS_STREAM = 'system-trace';

export const GROUPS: readonly GroupSpec[] = [
  { name: 'ecs-prod', ttlInDays: 30, tags: { env: 'prod', owner: 'platform-team' } },
  { name: 'cce-cluster', ttlInDays: 7, tags: { env: 'prod', cluster: 'cce-prod-eu-de' } },
  { name: 'network', ttlInDays: 90, tags: { env: 'prod', owner: 'secops' } },
  // CTS creates this group itself when the tracker ships to LTS; audit data is kept longest.
  { name: CTS_GROUP, ttlInDays: 180, tags: { source: 'cts' } },
];

export const STREAMS: readonly StreamSpec[] = [
  { group: 'ecs-prod', name: 'syslog', share: 12, rhythm: 'steady', kind: 'syslog', levels: [78, 11, 5, 6] },
  // Authentication logs are kept longer than the rest of the group for investigations.
  { group: 'ecs-prod', name: 'auth', ttlInDays: 90, share: 8, rhythm: 'internet', kind: 'auth', levels: [70, 22, 6, 2] },
  { group: 'ecs-prod', name: 'nginx-access', share: 25, rhythm: 'web', kind: 'nginx-access', levels: [91.4, 8, 0.6, 0] },
  { group: 'ecs-prod', name: 'nginx-error', share: 2, rhythm: 'web', kind: 'nginx-error', levels: [10, 60, 30, 0] },
  { group: 'ecs-prod', name: 'app', share: 14, rhythm: 'business', kind: 'java-app', levels: [72, 10, 7, 11] },
  { group: 'cce-cluster', name: 'shop', share: 12, rhythm: 'web', kind: 'k8s-shop', levels: [77, 10, 5, 8] },
  { group: 'cce-cluster', name: 'ingress-nginx', share: 8, rhythm: 'web', kind: 'k8s-ingress', levels: [90, 9, 1, 0] },
  { group: 'cce-cluster', name: 'kube-system', share: 3, rhythm: 'steady', kind: 'k8s-system', levels: [84, 10, 3, 3] },
  // Flow logs are voluminous and only useful for a week.
  { group: 'network', name: 'vpc-flow', ttlInDays: 7, share: 10, rhythm: 'web', kind: 'vpc-flow', levels: [90, 10, 0, 0] },
  { group: 'network', name: 'cfw-attack', share: 3, rhythm: 'internet', kind: 'cfw-attack', levels: [35, 45, 20, 0] },
  { group: 'network', name: 'waf-attack', share: 3, rhythm: 'internet', kind: 'waf-attack', levels: [30, 50, 20, 0] },
];

/** Retention that applies to a stream: its own, else its group's. */
export function streamTtl(stream: StreamSpec): number {
  if (stream.ttlInDays) return stream.ttlInDays;
  const group = GROUPS.find((g) => g.name === stream.group);
  if (!group) throw new Error(`stream ${stream.name} names unknown group ${stream.group}`);
  return group.ttlInDays;
}
