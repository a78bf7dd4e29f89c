/**
 * Notification planning, pure: which notifications alert transitions lead to once grouping
 * (group by, group wait, group interval, repeat interval), silences and maintenance windows are
 * applied. The live notifier keeps a `NotifyState` in state.db and calls `ingest`/`flushDue`;
 * the backtest calls `planNotifications` over a whole history. Both run the same functions, so
 * the backtest shows exactly what the notifier would have sent.
 */
import { createHash } from 'node:crypto';
import type { AlertTransition } from '../alerts/transition.ts';
import { findSilence, type SilenceRule } from './silence-match.ts';

export interface NotifyPolicy {
  /** Labels whose values split a rule's alerts into separate notifications; [] = one per rule. */
  groupBy: string[];
  /** Wait after a group's first alert before the first notification (collects alerts firing together). */
  groupWaitSeconds: number;
  /** Least time between two notifications about changes in a group. */
  groupIntervalSeconds: number;
  /** Resend while still firing and nothing changed. */
  repeatIntervalSeconds: number;
}

export const DEFAULT_NOTIFY_POLICY: NotifyPolicy = {
  groupBy: [],
  groupWaitSeconds: 30,
  groupIntervalSeconds: 300,
  repeatIntervalSeconds: 4 * 3600,
};

export type NotificationReason = 'firing' | 'resolved' | 'repeat';

export interface NotificationGroup {
  key: string;
  ruleId: string;
  ruleName: string;
  groupLabels: Record<string, string>;
  policy: NotifyPolicy;
  /** Latest transition per alert event. */
  alerts: Record<string, AlertTransition>;
  /** What receivers last heard per alert event. */
  notified: Record<string, 'firing' | 'resolved'>;
  /** Start of the group's firing window (first alert); part of the idempotency key. */
  windowStart: number;
  /** A change waits to be sent at this time; null when nothing changed. */
  nextFlushAt: number | null;
  lastFlushAt: number | null;
  /** Notifications sent in this window (numbers the idempotency keys). */
  sequence: number;
}

export interface NotifyState {
  groups: Record<string, NotificationGroup>;
}

export interface PlannedNotification {
  at: number;
  groupKey: string;
  ruleId: string;
  ruleName: string;
  groupLabels: Record<string, string>;
  reason: NotificationReason;
  /** What is sent: firing alerts and those that resolved since the last notification. */
  alerts: AlertTransition[];
  /** Alerts held back, with the silence that held each. */
  silenced: Array<{ eventId: string; silenceId: string }>;
  /** The held-back alerts themselves (for the record of what was not sent). */
  heldBack: AlertTransition[];
  /** Set when every alert was held back: nothing is sent, the record says why. */
  silencedBy: string | null;
  channelIds: string[];
  /** Same for every retry of this notification; differs between notifications. */
  idempotencyKey: string;
}

export const emptyNotifyState = (): NotifyState => ({ groups: {} });

const transitionTime = (t: AlertTransition) => (t.state === 'resolved' ? (t.endsAt ?? t.startsAt) : t.startsAt);

export function notificationGroupKey(t: Pick<AlertTransition, 'ruleId' | 'labels'>, groupBy: readonly string[]): string {
  return JSON.stringify([t.ruleId, ...groupBy.map((label) => [label, t.labels[label] ?? ''])]);
}

/** Takes transitions into the state; `now` is when they arrived (the live notifier) or their own time (backtest). */
export function ingest(state: NotifyState, transitions: readonly AlertTransition[], policyFor: (ruleId: string) => NotifyPolicy, now?: number): NotifyState {
  const next: NotifyState = structuredClone(state);
  ingestInPlace(next, transitions, policyFor, now);
  return next;
}

// The in-place variants let planNotifications walk a month of history without copying the state per step.
function ingestInPlace(next: NotifyState, transitions: readonly AlertTransition[], policyFor: (ruleId: string) => NotifyPolicy, now?: number): Set<string> {
  const touched = new Set<string>();
  for (const t of transitions) {
    const policy = policyFor(t.ruleId);
    const key = notificationGroupKey(t, policy.groupBy);
    touched.add(key);
    const at = Math.max(transitionTime(t), now ?? 0);
    let group = next.groups[key];
    if (!group) {
      // A resolution of something this group never announced needs no notification.
      if (t.state === 'resolved') continue;
      group = {
        key,
        ruleId: t.ruleId,
        ruleName: t.ruleName,
        groupLabels: Object.fromEntries(policy.groupBy.map((label) => [label, t.labels[label] ?? ''])),
        policy,
        alerts: {},
        notified: {},
        windowStart: t.startsAt,
        nextFlushAt: at + policy.groupWaitSeconds * 1000,
        lastFlushAt: null,
        sequence: 0,
      };
      next.groups[key] = group;
    }
    group.policy = policy;
    group.ruleName = t.ruleName;
    const previous = group.alerts[t.eventId];
    group.alerts[t.eventId] = t;
    const changed = !previous || previous.state !== t.state;
    if (changed && group.nextFlushAt === null) {
      group.nextFlushAt = Math.max(at, (group.lastFlushAt ?? at) + policy.groupIntervalSeconds * 1000);
    }
  }
  return touched;
}

/** Firing alerts not yet announced, or held back by a silence until the returned time. */
function unannouncedFiring(group: NotificationGroup): AlertTransition[] {
  return Object.values(group.alerts).filter((a) => a.state === 'firing' && group.notified[a.eventId] !== 'firing');
}

/** The earliest time a flush could produce something, or null if the group waits for transitions. */
function groupDueAt(group: NotificationGroup, silences: readonly SilenceRule[], now: number): number | null {
  const candidates: number[] = [];
  if (group.nextFlushAt !== null) candidates.push(group.nextFlushAt);
  if (group.lastFlushAt !== null) {
    const repeatAt = group.lastFlushAt + group.policy.repeatIntervalSeconds * 1000;
    // A pending change is never later than held-back alerts: skip the silence lookups.
    if (group.nextFlushAt !== null) return Math.min(group.nextFlushAt, repeatAt);
    const firing = Object.values(group.alerts).some((a) => a.state === 'firing');
    if (firing) candidates.push(repeatAt);
    // Firing alerts a silence held back are announced once it ends.
    for (const alert of unannouncedFiring(group)) {
      const held = findSilence(silences, alert, now);
      const base = group.lastFlushAt + group.policy.groupIntervalSeconds * 1000;
      candidates.push(Math.max(base, held ? held.until : now));
    }
  }
  return candidates.length ? Math.min(...candidates) : null;
}

export function nextDueAt(state: NotifyState, silences: readonly SilenceRule[], now: number): number | null {
  let earliest: number | null = null;
  for (const group of Object.values(state.groups)) {
    const due = groupDueAt(group, silences, now);
    if (due !== null && (earliest === null || due < earliest)) earliest = due;
  }
  return earliest;
}

export function idempotencyKey(group: Pick<NotificationGroup, 'ruleId' | 'key' | 'windowStart'>, sequence: number, reason: NotificationReason): string {
  const window = createHash('sha256').update(`${group.ruleId}\n${group.key}\n${group.windowStart}`).digest('hex').slice(0, 32);
  return `${window}-${sequence}-${reason}`;
}

/** Sends what is due at `now`: returns the notifications and the state after them. */
export function flushDue(state: NotifyState, now: number, silences: readonly SilenceRule[]): { state: NotifyState; notifications: PlannedNotification[] } {
  const next: NotifyState = structuredClone(state);
  return { state: next, notifications: flushInPlace(next, now, silences) };
}

function flushInPlace(next: NotifyState, now: number, silences: readonly SilenceRule[], onlyKeys?: readonly string[]): PlannedNotification[] {
  const notifications: PlannedNotification[] = [];
  const groups = onlyKeys ? onlyKeys.map((key) => next.groups[key]).filter((g): g is NotificationGroup => g !== undefined) : Object.values(next.groups);
  for (const group of groups.sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const due = groupDueAt(group, silences, now);
    if (due === null || due > now) continue;
    const alerts = Object.values(group.alerts).sort((a, b) => a.startsAt - b.startsAt || (a.eventId < b.eventId ? -1 : 1));
    const candidates = alerts.filter((a) => a.state === 'firing' || group.notified[a.eventId] === 'firing');
    const silenced: PlannedNotification['silenced'] = [];
    const heldBack: AlertTransition[] = [];
    const send: AlertTransition[] = [];
    for (const alert of candidates) {
      // A resolution of an announced alert is always sent: receivers must not keep a stale "firing".
      const held = alert.state === 'firing' ? findSilence(silences, alert, now) : null;
      if (held) {
        silenced.push({ eventId: alert.eventId, silenceId: held.silence.id });
        heldBack.push(alert);
      } else send.push(alert);
    }
    const newFiring = send.some((a) => a.state === 'firing' && group.notified[a.eventId] !== 'firing');
    const newResolved = send.some((a) => a.state === 'resolved');
    const changed = newFiring || newResolved;
    const repeatDue =
      group.lastFlushAt !== null && now >= group.lastFlushAt + group.policy.repeatIntervalSeconds * 1000 && send.some((a) => a.state === 'firing');
    const hadChange = group.nextFlushAt !== null && group.nextFlushAt <= now;
    const reason: NotificationReason = newFiring ? 'firing' : newResolved ? 'resolved' : 'repeat';
    if (changed || repeatDue) {
      group.sequence += 1;
      notifications.push(planned(group, now, reason, send, silenced, heldBack, null));
      for (const alert of send) group.notified[alert.eventId] = alert.state;
      group.lastFlushAt = now;
    } else if (hadChange && silenced.length > 0 && send.length === 0) {
      // Everything new was held back: record that (not sent) so delivery status can say why.
      group.sequence += 1;
      notifications.push(planned(group, now, 'firing', [], silenced, heldBack, silenced[0]!.silenceId));
      group.lastFlushAt = now;
    } else if (hadChange) {
      group.lastFlushAt ??= now;
    } else if (group.lastFlushAt !== null && now >= group.lastFlushAt + group.policy.repeatIntervalSeconds * 1000) {
      // A repeat fell due while every firing alert is silenced: nothing is sent, the repeat timer restarts.
      group.lastFlushAt = now;
    }
    group.nextFlushAt = null;
    for (const alert of alerts) {
      if (alert.state === 'resolved') {
        delete group.alerts[alert.eventId];
        delete group.notified[alert.eventId];
      }
    }
    if (Object.keys(group.alerts).length === 0) delete next.groups[group.key];
  }
  return notifications;
}

function planned(
  group: NotificationGroup,
  at: number,
  reason: NotificationReason,
  alerts: AlertTransition[],
  silenced: PlannedNotification['silenced'],
  heldBack: AlertTransition[],
  silencedBy: string | null,
): PlannedNotification {
  const channelIds = [...new Set(Object.values(group.alerts).flatMap((a) => a.channelIds))].sort();
  return {
    at,
    groupKey: group.key,
    ruleId: group.ruleId,
    ruleName: group.ruleName,
    groupLabels: group.groupLabels,
    reason,
    alerts,
    silenced,
    heldBack,
    silencedBy,
    channelIds,
    idempotencyKey: idempotencyKey(group, group.sequence, reason),
  };
}

/**
 * Every notification a history of transitions leads to, up to `until` (repeats of alerts still
 * firing at the end count up to there). Transitions are taken in time order.
 */
export function planNotifications(
  transitions: readonly AlertTransition[],
  notifyPolicy: NotifyPolicy | ((ruleId: string) => NotifyPolicy),
  silences: readonly SilenceRule[],
  options: { until?: number; maxNotifications?: number } = {},
): PlannedNotification[] {
  const policyFor = typeof notifyPolicy === 'function' ? notifyPolicy : () => notifyPolicy;
  const ordered = [...transitions].sort((a, b) => transitionTime(a) - transitionTime(b));
  // Without an end: long enough for pending changes to go out, not for repeats.
  const settle = Math.max(0, ...[...new Set(ordered.map((t) => t.ruleId))].map((id) => (policyFor(id).groupWaitSeconds + policyFor(id).groupIntervalSeconds) * 1000));
  const until = options.until ?? (ordered.length ? transitionTime(ordered.at(-1)!) + settle : 0);
  const max = options.maxNotifications ?? 10_000;
  const state = emptyNotifyState();
  const out: PlannedNotification[] = [];
  let i = 0;
  let stuckAt: number | null = null;
  let clock = ordered.length ? transitionTime(ordered[0]!) : 0;
  // Due time per group, recomputed only for groups a step changed (a month of history has many steps).
  const dueCache = new Map<string, number | null>();
  const refresh = (keys: Iterable<string>) => {
    for (const key of keys) {
      const group = state.groups[key];
      if (group) dueCache.set(key, groupDueAt(group, silences, clock));
      else dueCache.delete(key);
    }
  };
  const earliest = () => {
    let min: number | null = null;
    for (const due of dueCache.values()) if (due !== null && (min === null || due < min)) min = due;
    return min;
  };
  for (;;) {
    const nextTransition = i < ordered.length ? transitionTime(ordered[i]!) : Infinity;
    const due = earliest();
    if (due !== null && due !== stuckAt && due <= nextTransition && due <= until) {
      clock = Math.max(clock, due);
      const dueKeys: string[] = [];
      for (const [key, at] of dueCache) if (at !== null && at <= due) dueKeys.push(key);
      const flushed = flushInPlace(state, due, silences, dueKeys);
      refresh(dueKeys);
      out.push(...flushed);
      if (out.length >= max) break;
      // A due time that produced nothing and stays due would loop: move on to the next transition.
      stuckAt = flushed.length === 0 && earliest() === due ? due : null;
      continue;
    }
    if (nextTransition === Infinity || nextTransition > until) break;
    const at = nextTransition;
    clock = at;
    const batch: AlertTransition[] = [];
    while (i < ordered.length && transitionTime(ordered[i]!) === at) batch.push(ordered[i++]!);
    refresh(ingestInPlace(state, batch, policyFor, at));
  }
  return out.slice(0, max);
}
