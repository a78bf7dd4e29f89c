/**
 * The tenant's cloud resources as the traces name them. Long-lived resources get stable ids so
 * the same server or key recurs across traces; creates mint fresh ones.
 */
import { TEAM } from '../actors.ts';
import { CLUSTER } from '../content/kubernetes.ts';
import { ECS_HOSTS } from '../content/hosts.ts';
import { Rng } from '../prng.ts';
import { GROUPS, STREAMS } from '../topology.ts';

export interface Resource {
  id: string;
  name: string;
}

const NAMES: Record<string, readonly string[]> = {
  ecs: [...ECS_HOSTS.map((h) => h.name), 'ecs-build-runner-01', 'ecs-build-runner-02'],
  evs: ['ecs-web-01-data', 'ecs-web-02-data', 'ecs-app-01-data', 'ecs-app-02-data', 'ecs-bastion-01-sys', 'scratch-migration'],
  snapshot: ['autobk_snapshot_ecs-app-01-data', 'autobk_snapshot_ecs-app-02-data', 'autobk_snapshot_ecs-web-01-data'],
  vpc: ['vpc-prod', 'vpc-shared'],
  subnet: ['subnet-web', 'subnet-app', 'subnet-mgmt', 'subnet-cce'],
  security_group: ['sg-web', 'sg-app', 'sg-bastion', 'sg-rds', 'sg-cce-node'],
  security_group_rule: [''],
  eip: ['80.158.37.114', '80.158.37.115', '80.158.41.20'],
  user: TEAM.map((m) => m.name),
  group: ['admin', 'developers', 'readonly-auditors'],
  credential: TEAM.map((m) => m.name),
  bucket: ['nordwind-backup-prod', 'nordwind-static-assets', 'nordwind-cts-archive', 'nordwind-tf-state'],
  cmk: ['rds-prod-key', 'obs-backup-key', 'app-secrets-key', 'evs/default'],
  instance: ['rds-orders-prod', 'rds-shop-replica'],
  backup: ['rds-orders-prod-manual', 'rds-shop-replica-manual'],
  tracker: ['system'],
  notification: ['iam_changes', 'security_alerts'],
  group_lts: GROUPS.map((g) => g.name),
  stream: STREAMS.map((s) => s.name),
  loadbalancer: ['elb-web-prod', `elb-${CLUSTER.name}`],
  listener: ['listener-https-443', 'listener-http-80'],
  member: ['10.0.1.11:443', '10.0.1.12:443', '10.0.1.13:443'],
};

/** IAM user ids are the team's real ids; credential ids look like access keys. */
function idFor(rng: Rng, type: string, name: string): string {
  if (type === 'user' || type === 'credential') {
    const member = TEAM.find((m) => m.name === name);
    if (type === 'user' && member) return member.id;
    return rng.alnum(20).toUpperCase();
  }
  if (type === 'bucket') return name;
  if (type === 'tracker') return rng.uuid();
  if (type === 'group') return rng.hex(32);
  return rng.uuid();
}

export class ResourcePool {
  private readonly rng: Rng;
  private readonly byType = new Map<string, Resource[]>();

  /** Stable resources come from their own seed so they do not shift when other draws change. */
  constructor(seed: number) {
    this.rng = new Rng(seed);
    for (const [type, names] of Object.entries(NAMES)) {
      this.byType.set(type, names.map((name) => ({ id: idFor(this.rng, type, name), name })));
    }
  }

  /** A long-lived resource of the type (LTS groups are listed under group_lts). */
  existing(rng: Rng, service: string, type: string): Resource {
    const key = service === 'LTS' && type === 'group' ? 'group_lts' : type;
    const pool = this.byType.get(key);
    if (!pool || pool.length === 0) return { id: rng.uuid(), name: '' };
    return rng.pick(pool);
  }

  /** A resource being created now: fresh id, a name in the tenant's naming style. */
  fresh(rng: Rng, service: string, type: string): Resource {
    const base = this.existing(rng, service, type);
    switch (type) {
      case 'security_group_rule':
        return { id: rng.uuid(), name: '' };
      case 'user':
        return { id: rng.hex(32), name: rng.pick(['ext.consultant', 'svc-monitoring', 'svc-backup', 'intern.devops', 'auditor.kpmg']) };
      case 'credential':
        return { id: rng.alnum(20).toUpperCase(), name: base.name };
      case 'bucket': {
        const name = `nordwind-${rng.pick(['exports', 'tmp', 'logs-archive', 'media'])}-${rng.int(1, 99)}`;
        return { id: name, name };
      }
      case 'eip':
        return { id: rng.uuid(), name: `80.158.${rng.int(32, 63)}.${rng.int(2, 250)}` };
      default:
        return { id: rng.uuid(), name: base.name ? `${base.name.replace(/-\d+$/, '')}-${String(rng.int(3, 40)).padStart(2, '0')}` : '' };
    }
  }

  /** Named lookup, used by the scenarios so their traces name real resources. */
  named(type: string, name: string): Resource {
    const found = this.byType.get(type)?.find((r) => r.name === name);
    if (!found) throw new Error(`demo resource ${type}/${name} does not exist`);
    return found;
  }
}
