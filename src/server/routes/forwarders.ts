/**
 * SIEM forwarders: admins create, change and delete them (with the step-up; audited with before
 * and after, never the HEC token). Destinations are checked against the outbound rules when
 * saved (and again at connect time), the query is parsed (a 400 names the position).
 */
import { X509Certificate } from 'node:crypto';
import type { CreateForwarder, Forwarder, InputIssue, UpdateForwarder } from '../../contract/index.ts';
import type { FeatureHandlers, RequestContext } from '../http/handlers.ts';
import { HttpError } from '../http/http-error.ts';
import type { OutboundClient } from '../outbound/client.ts';
import { parseSearchQuery } from '../search/scope.ts';
import { destinationView, splitDestination, type Forwarders, type ForwarderWrite, type ForwardSecrets, type StoredForwarder } from '../state/forwarders.ts';
import type { ForwardRunner } from '../forward/runner.ts';

type Endpoints = 'listForwarders' | 'createForwarder' | 'updateForwarder' | 'deleteForwarder';

export interface ForwarderRouteDeps {
  forwarders: Forwarders;
  runner: ForwardRunner;
  outbound: OutboundClient;
  now: () => number;
}

const MAX_BACKFILL_MS = 30 * 86_400_000;

export function forwarderView(f: StoredForwarder, runner: ForwardRunner): Forwarder {
  return {
    id: f.id, name: f.name, enabled: f.enabled, source: f.source, destination: destinationView(f.destination, f.secrets),
    batchSize: f.batchSize, settleSeconds: f.settleSeconds, createdBy: f.createdBy, createdAt: f.createdAt, updatedBy: f.updatedBy, updatedAt: f.updatedAt,
    status: runner.status(f),
  };
}

function validate(outbound: OutboundClient, body: UpdateForwarder, secrets: ForwardSecrets): void {
  const issues: InputIssue[] = [];
  const d = body.destination;
  if (d.format === 'hec') {
    const checked = outbound.checkUrl(d.url, { requireHttps: true });
    if (!checked.ok) issues.push({ path: 'body.destination.url', message: `destination refused: ${checked.reason}` });
    if (!secrets.token) issues.push({ path: 'body.destination.token', message: 'the HEC token is required (it is write-only: send it once)' });
  } else {
    const checked = outbound.checkSocket(d.host, d.port);
    if (!checked.ok) issues.push({ path: 'body.destination.host', message: `destination refused: ${checked.reason}` });
    if (d.format === 'cef' && d.caPem) {
      try {
        new X509Certificate(d.caPem);
      } catch {
        issues.push({ path: 'body.destination.caPem', message: 'not a PEM certificate' });
      }
    }
  }
  if (issues.length > 0) throw new HttpError('validation_failed', `invalid forwarder: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
  if (body.source.kind === 'logs') parseSearchQuery(body.source.query);
}

function toWrite(body: UpdateForwarder, previous: StoredForwarder | undefined): ForwarderWrite {
  const { destination, secrets } = splitDestination(body.destination, previous?.secrets, previous?.destination);
  return { name: body.name, enabled: body.enabled, source: body.source, destination, secrets, batchSize: body.batchSize, settleSeconds: body.settleSeconds };
}

export function forwarderRoutes(deps: ForwarderRouteDeps): FeatureHandlers<Endpoints> {
  const { forwarders, runner } = deps;
  const actor = (ctx: RequestContext) => ctx.principal?.name ?? 'unknown';
  const found = (id: string): StoredForwarder => {
    const f = forwarders.get(id);
    if (!f) throw new HttpError('not_found', `no forwarder ${id}`);
    return f;
  };
  const view = (f: StoredForwarder) => forwarderView(f, runner);
  // The audit record shows the definition without the live counters (they change every second).
  const audited = (f: StoredForwarder) => {
    const { status: _status, ...rest } = view(f);
    return rest;
  };
  return {
    listForwarders: async () => ({ forwarders: forwarders.list().map(view) }),
    createForwarder: async ({ body }: { body: CreateForwarder }, ctx) => {
      const write = toWrite(body, undefined);
      validate(deps.outbound, body, write.secrets);
      const now = deps.now();
      // A browser clock a little ahead is not "the future".
      const startAt = Math.min(body.startAt ?? now, now);
      if (startAt < now - MAX_BACKFILL_MS || (body.startAt ?? now) > now + 60_000) {
        throw new HttpError('validation_failed', 'invalid forwarder: body.startAt: at most 30 days back and not in the future', { issues: [{ path: 'body.startAt', message: 'at most 30 days back, not in the future' }] });
      }
      const created = forwarders.create(write, startAt, actor(ctx));
      ctx.audit({ action: 'createForwarder', resource: { type: 'forwarder', id: created.id, name: created.name }, code: 201, request: { after: audited(created) } });
      runner.tick();
      return view(created);
    },
    updateForwarder: async ({ params, body }, ctx) => {
      const before = found(params.id);
      const write = toWrite(body, before);
      validate(deps.outbound, body, write.secrets);
      const after = forwarders.update(params.id, write, actor(ctx));
      if (!after) throw new HttpError('not_found', `no forwarder ${params.id}`);
      ctx.audit({ action: 'updateForwarder', resource: { type: 'forwarder', id: after.id, name: after.name }, code: 200, request: { before: audited(before), after: audited(after) } });
      runner.tick();
      return view(after);
    },
    deleteForwarder: async ({ params }, ctx) => {
      const before = found(params.id);
      forwarders.delete(params.id);
      ctx.audit({ action: 'deleteForwarder', resource: { type: 'forwarder', id: before.id, name: before.name }, code: 200, request: { before: audited(before) } });
      return view(before);
    },
  };
}
