/** Silences and maintenance windows: admins create and end them (step-up); analysts read them. */
import { SILENCE_LIMITS } from '../../contract/index.ts';
import type { FeatureHandlers, RequestContext } from '../http/handlers.ts';
import { HttpError } from '../http/http-error.ts';
import { isValidTimeZone } from '../services/notify/silence-match.ts';
import { silenceView, type NotifySilences, type StoredSilence } from '../state/notify-silences.ts';

type Endpoints = 'listSilences' | 'createSilence' | 'expireSilence';

export function silenceRoutes({ silences, now }: { silences: NotifySilences; now: () => number }): FeatureHandlers<Endpoints> {
  const audit = (ctx: RequestContext, action: string, code: number, silence: StoredSilence, request: Record<string, unknown>) =>
    ctx.audit({ action, resource: { type: 'silence', id: silence.id, name: silence.comment.slice(0, 80) }, code, request });
  return {
    listSilences: async ({ query }) => ({ silences: silences.list(query.include).map((s) => silenceView(s, now())) }),
    createSilence: async ({ body }, ctx) => {
      if (body.recurrence && !isValidTimeZone(body.recurrence.timeZone)) {
        throw new HttpError('validation_failed', `invalid body: body.recurrence.timeZone: unknown time zone "${body.recurrence.timeZone}"`, {
          issues: [{ path: 'body.recurrence.timeZone', message: `unknown time zone "${body.recurrence.timeZone}"` }],
        });
      }
      if (body.endsAt <= now()) {
        throw new HttpError('validation_failed', 'invalid body: body.endsAt: the end is in the past', { issues: [{ path: 'body.endsAt', message: 'the end is in the past' }] });
      }
      if (silences.countCurrent() >= SILENCE_LIMITS.maxActive) throw new HttpError('conflict', `there are already ${SILENCE_LIMITS.maxActive} current silences`);
      const created = silences.create(body, ctx.principal?.name ?? 'unknown');
      audit(ctx, 'createSilence', 201, created, { after: created });
      return silenceView(created, now());
    },
    expireSilence: async ({ params }, ctx) => {
      const before = silences.get(params.id);
      if (!before) throw new HttpError('not_found', `no silence ${params.id}`);
      const after = silences.expire(params.id, ctx.principal?.name ?? 'unknown')!;
      audit(ctx, 'expireSilence', 200, after, { before, after });
      return silenceView(after, now());
    },
  };
}
