/**
 * Runs the report schedules: when a schedule is due, its evidence pack is queued in the
 * notification outbox (the same transaction records the run), and the notifier sends it with its
 * retries and back-off, so a pack is neither lost in a crash nor queued twice for one period.
 * After downtime only the newest missed period is sent, not one mail per missed week.
 */
import type { AuditTrail } from '../../state/audit-trail.ts';
import type { ComplianceState, StoredSchedule } from '../../state/compliance-state.ts';
import type { StoredChannel } from '../../state/notify-channels.ts';
import type { NotifyOutbox } from '../../state/notify-outbox.ts';
import type { NotificationContent } from '../notify/message.ts';
import { frameworkById } from './catalogue.ts';
import { nextRunAfter, periodOf, runAtOrBefore } from './report-schedule.ts';

export const NOT_CONFIGURED = 'delivery not configured: there is no enabled e-mail channel (Admin, Notifications)';

export interface ReportSchedulerDeps {
  compliance: ComplianceState;
  channels: { list(): StoredChannel[] };
  outbox: NotifyOutbox;
  audit: AuditTrail;
  now?: () => number;
}

/** The channel whose relay sends reports: the oldest enabled e-mail channel. */
export function reportChannel(channels: { list(): StoredChannel[] }): StoredChannel | null {
  return channels.list().filter((c) => c.kind === 'email' && c.enabled).sort((a, b) => a.createdAt - b.createdAt)[0] ?? null;
}

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

export class ReportScheduler {
  readonly #d: ReportSchedulerDeps;
  readonly #now: () => number;

  constructor(deps: ReportSchedulerDeps) {
    this.#d = deps;
    this.#now = deps.now ?? Date.now;
  }

  /** Handles every due schedule; returns how many packs were queued. */
  tick(): number {
    const now = this.#now();
    let queued = 0;
    for (const schedule of this.#d.compliance.schedules()) {
      if (schedule.nextRunAt === null) this.#d.compliance.setNextRun(schedule.id, nextRunAfter(schedule.cadence, now));
      else if (schedule.nextRunAt <= now && this.#run(schedule, now)) queued++;
    }
    return queued;
  }

  /**
   * Queues the pack of the last complete period now (to try the delivery), without moving the
   * next run. Returns the outbox row, or null when delivery is not configured.
   */
  sendNow(schedule: StoredSchedule): number | null {
    return this.#run(schedule, this.#now(), true) ? this.#d.compliance.schedules().find((s) => s.id === schedule.id)?.lastOutboxSeq ?? null : null;
  }

  #run(schedule: StoredSchedule, now: number, manual = false): boolean {
    const { compliance, outbox } = this.#d;
    const period = periodOf(schedule.cadence, runAtOrBefore(schedule.cadence, now));
    const nextRunAt = manual && schedule.nextRunAt !== null ? schedule.nextRunAt : nextRunAfter(schedule.cadence, now);
    const channel = reportChannel(this.#d.channels);
    const name = frameworkById(schedule.framework).name;
    const seq = outbox.atomically(() => {
      if (!channel) {
        compliance.recordScheduleRun(schedule.id, { runAt: now, nextRunAt, error: NOT_CONFIGURED, period: null, outboxSeq: null });
        return null;
      }
      const content: NotificationContent = {
        reason: 'report',
        report: { scheduleId: schedule.id, framework: schedule.framework, cadence: schedule.cadence, recipient: schedule.recipient, from: period.from, to: period.to, createdBy: schedule.createdBy },
        ruleId: `report:${schedule.id}`,
        ruleName: `Compliance report: ${name}`,
        groupKey: schedule.id,
        groupLabels: {},
        alerts: [],
        // A manual send is its own mail; a scheduled one exists once per period.
        idempotencyKey: manual ? `report-${schedule.id}-${period.to}-manual-${now}` : `report-${schedule.id}-${period.to}`,
        at: now,
      };
      const title = `Compliance report: ${name}, ${day(period.from)} to ${day(period.to - 1)}`;
      const added = outbox.add({ channelId: channel.id, channelName: channel.name, channelKind: channel.kind, content, title, status: 'pending', nextAttemptAt: now });
      compliance.recordScheduleRun(schedule.id, { runAt: now, nextRunAt, error: null, period, outboxSeq: added });
      return added;
    });
    // Sending evidence out is a read of evidence like a download: audited for the person who set it up.
    this.#d.audit.append({
      action: 'sendComplianceReport',
      actor: { id: `schedule:${schedule.id}`, name: schedule.createdBy, kind: 'user' },
      sourceIp: '',
      userAgent: 'Vigil report schedule',
      resource: { type: 'complianceSchedule', id: schedule.id, name: schedule.framework },
      code: channel ? 202 : 503,
      ...(channel ? {} : { message: NOT_CONFIGURED }),
      request: { framework: schedule.framework, from: period.from, to: period.to, recipient: schedule.recipient, channel: channel?.name ?? null, notification: seq, manual },
    });
    return seq !== null;
  }
}

export interface ReportJob {
  stop(): void;
}

/** Looks for due schedules every minute (runs are hours apart; a minute late is on time). */
export function startReportJob(scheduler: ReportScheduler, onError: (error: unknown) => void, everyMs = 60_000): ReportJob {
  const tick = () => {
    try {
      scheduler.tick();
    } catch (error) {
      onError(error);
    }
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  const first = setTimeout(tick, 5_000);
  first.unref();
  return { stop: () => { clearInterval(timer); clearTimeout(first); } };
}
