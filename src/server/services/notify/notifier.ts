/**
 * The notifier: the alert evaluator's transition sink. Transitions go into the grouping state in
 * state.db (persisted before `deliver` resolves); a timer turns due groups into outbox rows (one
 * per channel, in the same transaction that advances the state) and sends due rows with retries,
 * exponential back-off and jitter. Delivery is at least once: a row is marked delivered only after
 * the receiver accepted it, and a row left 'sending' by a crash is sent again after its lease.
 */
import type { Logger } from '../../logger.ts';
import { backoffDelay, type BackoffOptions } from '../../outbound/backoff.ts';
import { OutboundError } from '../../outbound/client.ts';
import type { NotifyChannels } from '../../state/notify-channels.ts';
import type { NotifyOutbox, OutboxRow } from '../../state/notify-outbox.ts';
import type { NotifySilences } from '../../state/notify-silences.ts';
import type { AlertTransition, AlertTransitionSink } from '../alerts/transition.ts';
import { composeMessage, type NotificationContent } from './message.ts';
import { DEFAULT_NOTIFY_POLICY, flushDue, ingest, type NotifyPolicy, type PlannedNotification } from './model.ts';
import type { ChannelSend } from './senders/channel-sender.ts';

export interface DeliveryPolicy extends BackoffOptions {
  /** Attempts before a notification is marked failed. */
  maxAttempts: number;
  /** How long a send may take before its row is considered abandoned (crash) and sent again. */
  leaseMs: number;
  /** Rows sent per round. */
  batch: number;
}

export const DEFAULT_DELIVERY: DeliveryPolicy = { baseMs: 5_000, maxMs: 10 * 60_000, jitter: 0.5, maxAttempts: 20, leaseMs: 2 * 60_000, batch: 20 };

export interface NotifierOptions {
  outbox: NotifyOutbox;
  channels: NotifyChannels;
  silences: NotifySilences;
  send: ChannelSend;
  logger: Logger;
  publicUrl: string;
  now?: () => number;
  /** The notify policy of a rule (grouping, intervals); rules without one use the default. */
  policyFor?: (ruleId: string) => NotifyPolicy | null;
  delivery?: Partial<DeliveryPolicy>;
  random?: () => number;
}

export class Notifier implements AlertTransitionSink {
  readonly #o: NotifierOptions;
  readonly #now: () => number;
  readonly #delivery: DeliveryPolicy;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #stopped = false;

  constructor(options: NotifierOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
    this.#delivery = { ...DEFAULT_DELIVERY, ...options.delivery };
  }

  #policy = (ruleId: string): NotifyPolicy => this.#o.policyFor?.(ruleId) ?? DEFAULT_NOTIFY_POLICY;

  /** Persists the transitions into the grouping state; resolves once they are safely stored. */
  async deliver(transitions: readonly AlertTransition[]): Promise<void> {
    if (transitions.length === 0) return;
    const now = this.#now();
    this.#o.outbox.atomically(() => {
      this.#o.outbox.saveState(ingest(this.#o.outbox.loadState(), transitions, this.#policy, now));
    });
    this.#kick();
  }

  /** Turns due groups into outbox rows; returns how many notifications were planned. */
  flush(now: number = this.#now()): number {
    const silences = this.#o.silences.list('current');
    return this.#o.outbox.atomically(() => {
      const { state, notifications } = flushDue(this.#o.outbox.loadState(), now, silences);
      for (const n of notifications) this.#enqueue(n, now);
      this.#o.outbox.saveState(state);
      return notifications.length;
    });
  }

  #enqueue(n: PlannedNotification, now: number): void {
    const content: NotificationContent = {
      reason: n.reason,
      ruleId: n.ruleId,
      ruleName: n.ruleName,
      groupKey: n.groupKey,
      groupLabels: n.groupLabels,
      // A silenced record keeps the alerts it held back, so delivery status can show what was not sent.
      alerts: n.silencedBy ? n.heldBack : n.alerts,
      idempotencyKey: n.idempotencyKey,
      at: n.at,
    };
    for (const channelId of n.channelIds) {
      const channel = this.#o.channels.get(channelId);
      const base = { channelId, channelName: channel?.name ?? '(deleted channel)', channelKind: channel?.kind ?? 'unknown', content };
      const title = n.silencedBy
        ? `held back by a silence: ${n.ruleName} (${n.heldBack.length} alert(s))`
        : channel
          ? composeMessage(channel.kind, channel.template, content, { publicUrl: this.#o.publicUrl, channelName: channel.name }).title
          : `${n.reason}: ${n.ruleName}`;
      if (n.silencedBy) {
        this.#o.outbox.add({ ...base, title, status: 'silenced', silenceId: n.silencedBy, nextAttemptAt: null });
      } else if (!channel || !channel.enabled) {
        const why = channel ? `channel "${channel.name}" is disabled` : `channel ${channelId} does not exist (deleted?)`;
        this.#o.outbox.add({ ...base, title, status: 'failed', lastError: why, nextAttemptAt: null });
      } else {
        this.#o.outbox.add({ ...base, title, status: 'pending', nextAttemptAt: now });
      }
    }
  }

  /** Sends what is due: reclaims abandoned rows, then sends up to one batch. Returns rows attempted. */
  async sendDue(): Promise<number> {
    const outbox = this.#o.outbox;
    outbox.reclaimExpired(this.#now());
    const rows = outbox.claimDue(this.#now(), this.#delivery.batch, this.#delivery.leaseMs);
    await Promise.all(rows.map((row) => this.#sendRow(row)));
    return rows.length;
  }

  async #sendRow(row: OutboxRow): Promise<void> {
    const outbox = this.#o.outbox;
    const channel = this.#o.channels.get(row.channel_id);
    if (!channel || !channel.enabled) {
      outbox.markFailed(row.seq, channel ? `channel "${channel.name}" is disabled` : 'the channel was deleted');
      return;
    }
    try {
      const detail = await this.#o.send(channel, JSON.parse(row.content) as NotificationContent);
      outbox.markDelivered(row.seq, this.#now());
      this.#o.logger.info('notification delivered', { seq: row.seq, channel: channel.name, attempts: row.attempts, detail: detail.slice(0, 120) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryable = !(error instanceof OutboundError) || error.retryable;
      if (retryable && row.attempts < this.#delivery.maxAttempts) {
        const delay = backoffDelay(row.attempts, this.#delivery, this.#o.random);
        outbox.markRetry(row.seq, this.#now() + delay, message);
        this.#o.logger.warn('notification delivery failed, will retry', { seq: row.seq, channel: channel.name, attempts: row.attempts, retryInMs: delay, error: message });
      } else {
        outbox.markFailed(row.seq, retryable ? `gave up after ${row.attempts} attempts: ${message}` : message);
        this.#o.logger.error('notification delivery failed for good', { seq: row.seq, channel: channel.name, attempts: row.attempts, error: message });
      }
    }
  }

  /** One round: plan due notifications, send due rows. */
  async tick(): Promise<void> {
    this.flush();
    while ((await this.sendDue()) === this.#delivery.batch && !this.#stopped) {
      // A full batch: more may be waiting.
    }
  }

  #kick(): void {
    if (this.#stopped || !this.#timer || this.#running) return;
    this.#running = this.tick()
      .catch((error: unknown) => this.#o.logger.error('notifier round failed', { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => (this.#running = null));
  }

  /** Runs rounds every `intervalMs` (1 s by default) until stopped. */
  start(intervalMs = 1000): void {
    this.#stopped = false;
    this.#timer = setInterval(() => this.#kick(), intervalMs);
    this.#timer.unref?.();
    this.#kick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }
}
