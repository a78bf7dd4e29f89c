/**
 * Compliance endpoints: catalogue, live status (masked for managers), trend, check detail, signing
 * key and policy (admin, step-up). Evidence packs: compliance-evidence.ts; schedules: compliance-schedules.ts.
 */
import type { Principal } from '../auth/principal.ts';
import type { FeatureHandlers } from '../http/handlers.ts';
import { HttpError } from '../http/http-error.ts';
import { FRAMEWORKS, SCORING, frameworkById } from '../services/compliance/catalogue.ts';
import { REVEAL, type Masker } from '../services/compliance/facts.ts';
import type { ComplianceRunner } from '../services/compliance/runner.ts';
import type { SigningKey } from '../services/compliance/signing-key.ts';
import { checksFromSnapshot, frameworkStatus, trendOf } from '../services/compliance/status.ts';
import { DAY_MS, dayOf, type ComplianceState } from '../state/compliance-state.ts';
import type { Pseudonymizer } from '../traces/pseudonyms.ts';

export interface ComplianceRouteDeps {
  runner: ComplianceRunner;
  compliance: ComplianceState;
  pseudonyms: Pseudonymizer;
  signingKey: () => SigningKey;
  now: () => number;
}

/** Admins see people as they are; everyone else (managers) sees the installation's pseudonyms. */
export function maskerFor(principal: Principal | null, pseudonyms: Pseudonymizer): Masker {
  if (principal?.roles.includes('admin')) return REVEAL;
  return { user: (v) => pseudonyms.user(v), ip: (v) => pseudonyms.ip(v) };
}

type Names = 'complianceFrameworks' | 'complianceStatus' | 'complianceTrend' | 'complianceCheck' | 'complianceSigningKey' | 'getCompliancePolicy'
  | 'putCompliancePolicy';

export function complianceRoutes(deps: ComplianceRouteDeps): FeatureHandlers<Names> {
  const { runner, compliance, pseudonyms, now } = deps;
  const liveChecks = async (principal: Principal | null) => {
    const checks = runner.evaluate(await runner.gather(), maskerFor(principal, pseudonyms));
    // Every live evaluation refreshes today's snapshot (statuses and summaries hold no personal data).
    compliance.saveSnapshot(now(), checks);
    return checks;
  };
  return {
    complianceFrameworks: async () => ({ frameworks: [...FRAMEWORKS], scoring: SCORING }),
    complianceStatus: async ({ query }, ctx) => {
      const framework = frameworkById(query.framework);
      const today = dayOf(now());
      if (query.at !== undefined && dayOf(query.at) < today) {
        const day = dayOf(query.at);
        const history = compliance.snapshots(day - 90 * DAY_MS, day + DAY_MS);
        const checks = checksFromSnapshot(day, history, history);
        if (checks.length === 0) throw new HttpError('not_found', `no snapshot was taken on ${new Date(day).toISOString().slice(0, 10)}`);
        return frameworkStatus(framework, checks, 'snapshot', Math.max(...checks.map((c) => c.evaluatedAt)));
      }
      return frameworkStatus(framework, await liveChecks(ctx.principal), 'live', now());
    },
    complianceTrend: async ({ query }) => {
      const to = query.to ?? now();
      const from = query.from ?? to - 30 * DAY_MS;
      if (from >= to) throw new HttpError('bad_request', '"from" must be before "to"', { field: 'from' });
      if (to - from > 400 * DAY_MS) throw new HttpError('bad_request', 'the trend covers at most 400 days', { field: 'from' });
      return trendOf(frameworkById(query.framework), from, to, compliance.snapshots(from, to));
    },
    complianceCheck: async ({ params }, ctx) => {
      const checks = await liveChecks(ctx.principal);
      const check = checks.find((c) => c.id === params.checkId);
      if (!check) throw new HttpError('not_found', `no check ${params.checkId}`);
      const today = dayOf(now());
      return {
        check,
        controls: FRAMEWORKS.flatMap((f) => f.controls.filter((c) => c.checks.includes(check.id)).map((c) => ({ framework: f.id, id: c.id, title: c.title }))),
        history: compliance.snapshots(today - 90 * DAY_MS, today + DAY_MS, check.id).map((r) => ({ day: r.day, status: r.status, summary: r.summary })),
      };
    },
    complianceSigningKey: async () => {
      const key = deps.signingKey();
      return { algorithm: 'Ed25519' as const, publicKeyPem: key.publicKeyPem, fingerprint: key.fingerprint };
    },
    getCompliancePolicy: async () => compliance.policy(),
    putCompliancePolicy: async ({ body }, ctx) => {
      const before = compliance.policy();
      compliance.setPolicy(body, ctx.principal?.name ?? 'unknown');
      const after = compliance.policy();
      ctx.audit({ action: 'putCompliancePolicy', resource: { type: 'compliancePolicy', id: 'policy' }, code: 200, request: { before: before.policy, after: after.policy } });
      return after;
    },
  };
}
