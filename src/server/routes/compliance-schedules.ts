/**
 * Report schedules: a weekly or monthly evidence pack to an e-mail recipient. The view joins each
 * schedule with its newest outbox row, so users see whether the last pack was delivered, is being
 * retried (and why) or failed, and whether delivery is configured at all.
 */
import { notificationView, type NotifyOutbox } from '../state/notify-outbox.ts';
import type { Schedule } from '../../contract/index.ts';
import type { FeatureHandlers } from '../http/handlers.ts';
import { HttpError } from '../http/http-error.ts';
import type { Masker } from '../services/compliance/facts.ts';
import { MAX_ATTACHMENT_BYTES } from '../services/compliance/report-mailer.ts';
import { reportChannel, type ReportScheduler } from '../services/compliance/report-scheduler.ts';
import type { ComplianceState, StoredSchedule } from '../state/compliance-state.ts';
import type { StoredChannel } from '../state/notify-channels.ts';
import type { Pseudonymizer } from '../traces/pseudonyms.ts';
import { maskerFor } from './compliance.ts';

export interface ScheduleRouteDeps {
  compliance: ComplianceState;
  outbox: NotifyOutbox;
  channels: { list(): StoredChannel[] };
  pseudonyms: Pseudonymizer;
  scheduler: ReportScheduler;
}

type Names = 'listComplianceSchedules' | 'createComplianceSchedule' | 'sendComplianceSchedule' | 'deleteComplianceSchedule';

export function complianceScheduleRoutes(deps: ScheduleRouteDeps): FeatureHandlers<Names> {
  const { compliance, outbox, pseudonyms } = deps;
  const view = (s: StoredSchedule, mask: Masker, delivery: Schedule['delivery']): Schedule => {
    const row = s.lastOutboxSeq === null ? null : outbox.get(s.lastOutboxSeq);
    const n = row ? notificationView(row) : null;
    return {
      id: s.id, framework: s.framework, cadence: s.cadence, recipient: s.recipient, createdBy: mask.user(s.createdBy), createdAt: s.createdAt,
      delivery, nextRunAt: s.nextRunAt, lastRunAt: s.lastRunAt, lastError: s.lastError, lastPeriod: s.lastPeriod,
      lastDelivery: n && { notificationId: n.id, status: n.status, attempts: n.attempts, lastError: n.lastError, createdAt: n.createdAt, deliveredAt: n.deliveredAt, nextAttemptAt: n.nextAttemptAt },
    };
  };
  const deliveryNow = () => {
    const channel = reportChannel(deps.channels);
    return { channel: channel && { id: channel.id, name: channel.name }, delivery: channel ? ('email' as const) : ('not_configured' as const) };
  };
  return {
    listComplianceSchedules: async (_input, ctx) => {
      const mask = maskerFor(ctx.principal, pseudonyms);
      const { channel, delivery } = deliveryNow();
      return { schedules: compliance.schedules().map((s) => view(s, mask, delivery)), delivery, channel, maxAttachmentBytes: MAX_ATTACHMENT_BYTES };
    },
    createComplianceSchedule: async ({ body }, ctx) => {
      if (compliance.schedules().length >= 50) throw new HttpError('conflict', 'at most 50 report schedules');
      const schedule = compliance.addSchedule(body, ctx.principal?.name ?? 'unknown');
      ctx.audit({ action: 'createComplianceSchedule', resource: { type: 'complianceSchedule', id: schedule.id }, code: 201, request: { after: schedule } });
      return view(schedule, maskerFor(ctx.principal, pseudonyms), deliveryNow().delivery);
    },
    sendComplianceSchedule: async ({ params }, ctx) => {
      const schedule = compliance.schedules().find((s) => s.id === params.id);
      if (!schedule) throw new HttpError('not_found', `no report schedule ${params.id}`);
      const seq = deps.scheduler.sendNow(schedule);
      ctx.audit({ action: 'sendComplianceSchedule', resource: { type: 'complianceSchedule', id: schedule.id }, code: seq === null ? 409 : 202, request: { notification: seq } });
      if (seq === null) throw new HttpError('conflict', 'delivery not configured: there is no enabled e-mail channel');
      return view(compliance.schedules().find((s) => s.id === params.id)!, maskerFor(ctx.principal, pseudonyms), 'email');
    },
    deleteComplianceSchedule: async ({ params }, ctx) => {
      const before = compliance.removeSchedule(params.id);
      if (!before) throw new HttpError('not_found', `no report schedule ${params.id}`);
      ctx.audit({ action: 'deleteComplianceSchedule', resource: { type: 'complianceSchedule', id: before.id }, code: 200, request: { before } });
      return view(before, maskerFor(ctx.principal, pseudonyms), deliveryNow().delivery);
    },
  };
}
