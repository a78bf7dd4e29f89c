/**
 * Everyday CTS activity: the team working in the console, the CI pipeline calling the API, and
 * the platform's own system actions. Scenario traces are built elsewhere (scenarios.ts).
 */
import type { CtsTrace } from '../../../contract/index.ts';
import { CI_USER, DOMAIN, memberIp, SYSTEM_USER, TEAM, type TeamMember } from '../actors.ts';
import type { Rng } from '../prng.ts';
import { buildTrace, type Outcome } from './build.ts';
import { HUMAN_OPERATIONS, SYSTEM_OPERATIONS, type Operation } from './catalog.ts';
import type { ResourcePool } from './resources.ts';

// The pipeline manages infrastructure; it never signs in to the console or touches IAM.
const CI_OPERATIONS = HUMAN_OPERATIONS.filter((op) => op.service !== 'IAM' && op.kind !== 'login' && op.service !== 'CTS');

export interface TraceGenerator {
  human(time: number): CtsTrace;
  system(time: number): CtsTrace;
}

function outcome(rng: Rng, op: Operation): Outcome {
  const r = rng.next();
  // Sign-ins fail with a wrong password (a warning), never with a server fault.
  if (op.kind === 'login') return r < 0.08 ? 'client-error' : 'ok';
  // Tuned with the system actions' rates below so that all traces come out at roughly
  // 93 % normal, 5 % warning, 2 % incident.
  if (r < 0.9) return 'ok';
  return r < 0.96 ? 'client-error' : 'server-error';
}

export function createTraceGenerator(rng: Rng, resources: ResourcePool): TraceGenerator {
  const memberWeights = TEAM.map((m) => m.weight);
  const humanWeights = HUMAN_OPERATIONS.map((op) => op.weight);
  const ciWeights = CI_OPERATIONS.map((op) => op.weight);
  const systemWeights = SYSTEM_OPERATIONS.map((op) => op.weight);

  const userOf = (member: TeamMember) => ({ id: member.id, name: member.name, domain: { ...DOMAIN } });

  return {
    human(time) {
      const member = rng.weighted(TEAM, memberWeights);
      const ci = member.name === CI_USER;
      const op = ci ? rng.weighted(CI_OPERATIONS, ciWeights) : rng.weighted(HUMAN_OPERATIONS, humanWeights);
      // People sign in and out as themselves; everything else targets a tenant resource.
      const resource =
        op.kind === 'login' || op.name === 'logout'
          ? resources.named('user', member.name)
          : op.kind === 'create'
            ? resources.fresh(rng, op.service, op.resourceType)
            : resources.existing(rng, op.service, op.resourceType);
      return buildTrace(
        {
          time,
          op,
          user: userOf(member),
          sourceIp: memberIp(rng, member),
          traceType: ci || rng.chance(0.15) ? 'ApiCall' : 'ConsoleAction',
          resource,
          outcome: outcome(rng, op),
        },
        rng,
      );
    },
    system(time) {
      const op = rng.weighted(SYSTEM_OPERATIONS, systemWeights);
      const r = rng.next();
      const result: Outcome = r < 0.975 ? 'ok' : r < 0.98 ? 'client-error' : 'server-error';
      const resource = op.kind === 'create' ? resources.fresh(rng, op.service, op.resourceType) : resources.existing(rng, op.service, op.resourceType);
      return buildTrace(
        { time, op, user: { ...SYSTEM_USER, domain: { ...SYSTEM_USER.domain } }, sourceIp: '', traceType: 'SystemAction', resource, outcome: result },
        rng,
      );
    },
  };
}
