/**
 * Incidents planted in the demo data for the search, anomaly, alert and audit features to find.
 * All of them happen "yesterday" (the UTC day before `now`), so they sit at least a few hours in
 * the past, inside every stream's window, and within CTS's 7-day query range.
 */
import type { CtsTrace } from '../../contract/index.ts';
import type { NewLogLine } from '../storage/ports.ts';
import { BRUTE_FORCE_IP, DOMAIN, NEVER_SEEN_IP, OFFICE_NAT_IPS, TEAM, VPN_IPS } from './actors.ts';
import { authLine, GUESSED_USERS } from './content/auth.ts';
import { BASTION, WEB_HOSTS } from './content/hosts.ts';
import { accessLine, errorLine, upstreamTimeout } from './content/nginx.ts';
import { createWebRequests } from './content/web-requests.ts';
import { Rng } from './prng.ts';
import { buildTrace } from './traces/build.ts';
import { HUMAN_OPERATIONS, type Operation } from './traces/catalog.ts';
import type { ResourcePool } from './traces/resources.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export const BRUTE_FORCE_ATTEMPTS = 360;
export const BURST_5XX_LINES = 600;
export const BURST_UPSTREAM_ERRORS = 150;

export interface DemoScenario {
  name: 'ssh-brute-force' | '5xx-burst' | 'night-login-tracker-deleted' | 'security-group-open-to-world' | 'kms-key-deletion';
  description: string;
  /** Start of the scenario (epoch ms). */
  time: number;
  /** Its last event (epoch ms). */
  end: number;
  /** Where to look: a log stream ("group/stream") or CTS trace names. */
  where: string;
  /** Facts a test or a demo script can check. */
  facts: Record<string, string | number>;
}

/** Start of the UTC day before `now`, plus a wall-clock time of that day. */
function yesterdayAt(now: number, hours: number, minutes: number, seconds = 0): number {
  const yesterday = Math.floor(now / DAY_MS) * DAY_MS - DAY_MS;
  return yesterday + ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

const NIGHT_USER = TEAM.find((m) => m.name === 'tobias.becker')!;
const SG_USER = TEAM.find((m) => m.name === 'mehmet.yilmaz')!;
const KMS_USER = TEAM.find((m) => m.name === 'jonas.weber')!;

export function demoScenarios(now: number): DemoScenario[] {
  const bruteStart = yesterdayAt(now, 2, 5);
  const accepted = yesterdayAt(now, 2, 16, 42);
  const burstStart = yesterdayAt(now, 14, 40);
  const login = yesterdayAt(now, 3, 14, 27);
  const deleteTracker = yesterdayAt(now, 3, 19, 52);
  const sgRule = yesterdayAt(now, 16, 2, 11);
  const kms = yesterdayAt(now, 17, 45, 3);
  return [
    {
      name: 'ssh-brute-force',
      description: `SSH password guessing against ${BASTION.name} from ${BRUTE_FORCE_IP}: ${BRUTE_FORCE_ATTEMPTS} failed passwords in 10 minutes (invalid users, root, deploy), then an accepted password for deploy.`,
      time: bruteStart,
      end: accepted + 2 * MINUTE_MS,
      where: 'ecs-prod/auth',
      facts: { sourceIp: BRUTE_FORCE_IP, host: BASTION.name, failedPasswords: BRUTE_FORCE_ATTEMPTS, acceptedUser: 'deploy', acceptedAt: accepted },
    },
    {
      name: '5xx-burst',
      description: `${BURST_5XX_LINES} responses with 502/503/504 on the web shop in 15 minutes while the orders service hung; nginx-error shows ${BURST_UPSTREAM_ERRORS} upstream timeouts.`,
      time: burstStart,
      end: burstStart + 15 * MINUTE_MS - 1,
      where: 'ecs-prod/nginx-access',
      facts: { fiveXxLines: BURST_5XX_LINES, upstreamTimeouts: BURST_UPSTREAM_ERRORS, errorStream: 'ecs-prod/nginx-error' },
    },
    {
      name: 'night-login-tracker-deleted',
      description: `${NIGHT_USER.name} signs in to the console at 03:14 UTC from ${NEVER_SEEN_IP}, an address no other trace contains, and deletes the CTS tracker five minutes later (rating incident).`,
      time: login,
      end: deleteTracker,
      where: 'CTS traces: IAM login, CTS deleteTracker',
      facts: { user: NIGHT_USER.name, sourceIp: NEVER_SEEN_IP, loginAt: login, deleteTrackerAt: deleteTracker },
    },
    {
      name: 'security-group-open-to-world',
      description: `${SG_USER.name} adds an inbound rule for TCP 22 from 0.0.0.0/0 to security group sg-bastion (rating warning).`,
      time: sgRule,
      end: sgRule,
      where: 'CTS traces: VPC createSecurityGroupRule',
      facts: { user: SG_USER.name, securityGroup: 'sg-bastion', remoteIpPrefix: '0.0.0.0/0', port: 22 },
    },
    {
      name: 'kms-key-deletion',
      description: `${KMS_USER.name} schedules KMS key rds-prod-key for deletion in 7 days (rating warning).`,
      time: kms,
      end: kms,
      where: 'CTS traces: KMS scheduleKeyDeletion',
      facts: { user: KMS_USER.name, key: 'rds-prod-key', pendingDays: 7 },
    },
  ];
}

/** Log lines of the scenarios, per "group/stream", each list in time order. */
export function scenarioLines(now: number, seed: number): Map<string, NewLogLine[]> {
  const rng = new Rng(seed ^ 0x5ce7a110);
  const auth: NewLogLine[] = [];
  const bruteStart = yesterdayAt(now, 2, 5);
  let pid = 40_000 + rng.int(0, 5_000);
  for (let i = 0; i < BRUTE_FORCE_ATTEMPTS; i++) {
    // Evenly spread over 10 minutes with jitter, so the per-minute rate is flat and unmistakable.
    const t = bruteStart + Math.floor(((i + rng.next() * 0.9) * 10 * MINUTE_MS) / BRUTE_FORCE_ATTEMPTS);
    const port = rng.int(32_000, 65_000);
    pid += rng.int(1, 3);
    const r = rng.next();
    if (r < 0.55) {
      const user = rng.pick(GUESSED_USERS);
      auth.push(authLine(t, BASTION, 'sshd', pid, `Invalid user ${user} from ${BRUTE_FORCE_IP} port ${port}`, 'WARN'));
      auth.push(authLine(t + 1, BASTION, 'sshd', pid, `Failed password for invalid user ${user} from ${BRUTE_FORCE_IP} port ${port} ssh2`, 'WARN'));
    } else {
      const user = r < 0.85 ? 'root' : 'deploy';
      auth.push(authLine(t, BASTION, 'sshd', pid, `Failed password for ${user} from ${BRUTE_FORCE_IP} port ${port} ssh2`, 'WARN'));
    }
    if (i % 3 === 2) auth.push(authLine(t + 2, BASTION, 'sshd', pid, `Connection closed by ${BRUTE_FORCE_IP} port ${port} [preauth]`, 'INFO'));
  }
  const accepted = yesterdayAt(now, 2, 16, 42);
  const port = rng.int(32_000, 65_000);
  auth.push(authLine(accepted, BASTION, 'sshd', pid + 7, `Accepted password for deploy from ${BRUTE_FORCE_IP} port ${port} ssh2`, 'INFO'));
  auth.push(authLine(accepted + 20, BASTION, 'sshd', pid + 7, 'pam_unix(sshd:session): session opened for user deploy(uid=1001) by (uid=0)', 'INFO'));
  auth.push(authLine(accepted + 45, BASTION, 'systemd-logind', 688, `New session ${rng.int(2000, 9000)} of user deploy.`, 'INFO'));
  auth.push(authLine(accepted + 2 * MINUTE_MS, BASTION, 'sudo', pid + 31, '  deploy : TTY=pts/2 ; PWD=/home/deploy ; USER=root ; COMMAND=/bin/bash', 'INFO'));

  const access: NewLogLine[] = [];
  const errors: NewLogLine[] = [];
  const burstStart = yesterdayAt(now, 14, 40);
  const request = createWebRequests(rng);
  let connection = 7_000_000 + rng.int(0, 100_000);
  for (let i = 0; i < BURST_5XX_LINES; i++) {
    const t = burstStart + Math.floor(((i + rng.next()) * 15 * MINUTE_MS) / BURST_5XX_LINES);
    const status = rng.weighted([502, 504, 503], [5, 3, 2]);
    access.push(accessLine(t, rng.pick(WEB_HOSTS), request('ERROR', status), 'ERROR'));
  }
  for (let i = 0; i < BURST_UPSTREAM_ERRORS; i++) {
    const t = burstStart + Math.floor(((i + rng.next()) * 15 * MINUTE_MS) / BURST_UPSTREAM_ERRORS);
    connection += rng.int(5, 60);
    errors.push(errorLine(t, rng.pick(WEB_HOSTS), 'error', connection, upstreamTimeout(rng, request('INFO').clientIp, '/api/v1/checkout'), 'ERROR'));
  }
  const byTime = (a: NewLogLine, b: NewLogLine) => a.time - b.time;
  return new Map([
    ['ecs-prod/auth', auth.sort(byTime)],
    ['ecs-prod/nginx-access', access.sort(byTime)],
    ['ecs-prod/nginx-error', errors.sort(byTime)],
  ]);
}

const opNamed = (name: string, fallback: Operation): Operation => HUMAN_OPERATIONS.find((op) => op.name === name) ?? fallback;

/** The scenario traces, in time order. */
export function scenarioTraces(now: number, seed: number, resources: ResourcePool): CtsTrace[] {
  const rng = new Rng(seed ^ 0x7ace5eed);
  const user = (name: string, id: string) => ({ id, name, domain: { ...DOMAIN } });
  const login = opNamed('login', { service: 'IAM', name: 'login', resourceType: 'user', kind: 'login', weight: 0 });
  const deleteTracker: Operation = { service: 'CTS', name: 'deleteTracker', resourceType: 'tracker', kind: 'delete', weight: 0 };
  const sgRule = opNamed('createSecurityGroupRule', { service: 'VPC', name: 'createSecurityGroupRule', resourceType: 'security_group_rule', kind: 'create', weight: 0 });
  const scheduleDeletion: Operation = { service: 'KMS', name: 'scheduleKeyDeletion', resourceType: 'cmk', kind: 'action', weight: 0 };
  const sg = resources.named('security_group', 'sg-bastion');
  const key = resources.named('cmk', 'rds-prod-key');
  const ruleId = rng.uuid();
  const night = user(NIGHT_USER.name, NIGHT_USER.id);
  return [
    buildTrace({ time: yesterdayAt(now, 3, 14, 27), op: login, user: night, sourceIp: NEVER_SEEN_IP, traceType: 'ConsoleAction', resource: resources.named('user', NIGHT_USER.name), outcome: 'ok' }, rng),
    buildTrace({ time: yesterdayAt(now, 3, 19, 52), op: deleteTracker, user: night, sourceIp: NEVER_SEEN_IP, traceType: 'ConsoleAction', resource: resources.named('tracker', 'system'), outcome: 'ok', rating: 'incident' }, rng),
    buildTrace(
      {
        time: yesterdayAt(now, 16, 2, 11), op: sgRule, user: user(SG_USER.name, SG_USER.id), sourceIp: OFFICE_NAT_IPS[1], traceType: 'ConsoleAction',
        resource: { id: ruleId, name: '' }, outcome: 'ok', rating: 'warning',
        request: { security_group_rule: { direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: '0.0.0.0/0', security_group_id: sg.id, description: 'temp ssh access' } },
        response: { security_group_rule: { id: ruleId, security_group_id: sg.id, direction: 'ingress', remote_ip_prefix: '0.0.0.0/0', port_range_min: 22, port_range_max: 22 } },
      },
      rng,
    ),
    buildTrace(
      {
        time: yesterdayAt(now, 17, 45, 3), op: scheduleDeletion, user: user(KMS_USER.name, KMS_USER.id), sourceIp: VPN_IPS[0], traceType: 'ConsoleAction',
        resource: key, outcome: 'ok', rating: 'warning', request: { key_id: key.id, pending_days: '7' }, response: { key_id: key.id, key_state: '4' },
      },
      rng,
    ),
  ];
}
