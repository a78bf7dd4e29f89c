/** GET /api/compliance/evidence: a signed evidence pack for one framework and period, audited. */
import type { Endpoints } from '../../contract/index.ts';
import type { StreamHandler } from '../http/handlers.ts';
import { HttpError } from '../http/http-error.ts';
import { frameworkById } from '../services/compliance/catalogue.ts';
import { evidencePackStream } from '../services/compliance/evidence-pack.ts';
import type { ComplianceRunner } from '../services/compliance/runner.ts';
import type { SigningKey } from '../services/compliance/signing-key.ts';
import { frameworkStatus } from '../services/compliance/status.ts';
import { DAY_MS, type ComplianceState } from '../state/compliance-state.ts';
import type { Pseudonymizer } from '../traces/pseudonyms.ts';
import { maskerFor } from './compliance.ts';

export interface EvidenceRouteDeps {
  runner: ComplianceRunner;
  compliance: ComplianceState;
  pseudonyms: Pseudonymizer;
  signingKey: () => SigningKey;
  version: string;
  now: () => number;
}

export function complianceEvidenceRoute(deps: EvidenceRouteDeps): StreamHandler<Endpoints['complianceEvidence']> {
  return async ({ query }, ctx) => {
    const now = deps.now();
    const to = Math.min(query.to ?? now, now);
    const from = query.from ?? to - 30 * DAY_MS;
    if (from >= to) throw new HttpError('bad_request', '"from" must be before "to" (and "to" not in the future)', { field: 'from' });
    if (to - from > 90 * DAY_MS) throw new HttpError('bad_request', 'an evidence pack covers at most 90 days', { field: 'from' });
    const framework = frameworkById(query.framework);
    const mask = maskerFor(ctx.principal, deps.pseudonyms);
    const checks = deps.runner.evaluate(await deps.runner.gather({ from, to }), mask);
    const status = frameworkStatus(framework, checks, 'live', now);
    const generatedBy = mask.user(ctx.principal?.name ?? 'unknown');
    const input = {
      status, from, to, snapshots: deps.compliance.snapshots(from, to), generatedBy, generatedAt: now, vigilVersion: deps.version, key: deps.signingKey(),
    };
    // Audited before the first byte leaves: a download cut off mid-way was still a download.
    ctx.audit({
      action: 'complianceEvidence',
      resource: { type: 'evidencePack', name: framework.id },
      code: 200,
      request: { framework: framework.id, from, to, checks: status.checks.length, score: status.score },
    });
    const day = new Date(now).toISOString().slice(0, 10);
    // Streamed file by file (no content-length): the ZIP is never held whole in memory. The size is
    // bounded by the period (at most 90 days of daily snapshots) and the checks' evidence limits.
    return new Response(evidencePackStream(input), {
      headers: {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="vigil-evidence-${framework.id}-${day}.zip"`,
        'cache-control': 'no-store',
      },
    });
  };
}
