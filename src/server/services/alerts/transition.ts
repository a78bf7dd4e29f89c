/**
 * The seam between the alert evaluator and notification delivery: the evaluator emits one
 * transition per group whenever a group starts or stops firing; a sink (the notification outbox)
 * takes them. The sink must persist before resolving: the evaluator treats a resolved deliver() as
 * "handed over" and will not emit the same transition again after a restart.
 */
export type AlertSeverity = 'critical' | 'major' | 'minor' | 'info';

export interface AlertTransition {
  /** Stable id of the alert event (one per firing window of a group). */
  eventId: string;
  ruleId: string;
  ruleName: string;
  ruleVersion: number;
  severity: AlertSeverity;
  /** Rule labels plus the group's labels (e.g. {sourceIp: "1.2.3.4"}). */
  labels: Record<string, string>;
  /** '' without groupBy. */
  groupKey: string;
  state: 'firing' | 'resolved';
  startsAt: number;
  endsAt: number | null;
  value: number;
  threshold: number | null;
  summary: string;
  description: string;
  /** SPA path to Search / Audit trail at the moment of the alert. */
  evidencePath: string;
  channelIds: string[];
}

export interface AlertTransitionSink {
  deliver(transitions: readonly AlertTransition[]): Promise<void>;
}

/** A sink that keeps everything in memory, for tests and for running without notifications. */
export class CollectingSink implements AlertTransitionSink {
  readonly delivered: AlertTransition[] = [];
  deliver(transitions: readonly AlertTransition[]): Promise<void> {
    this.delivered.push(...transitions);
    return Promise.resolve();
  }
}
