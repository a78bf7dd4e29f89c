/**
 * Counters per receiver, kept in memory since start and shown in /api/health and the Admin view.
 * They describe what happened to lines, so an operator can tell "not sent" from "refused" from
 * "committed" without reading logs.
 */
import type { IngestReceiverStatus } from '../../../contract/index.ts';

export type RejectReason =
  | 'queue_full'
  | 'rate_limited'
  | 'forbidden_group'
  | 'invalid_request'
  | 'store_error'
  | 'too_old'
  | 'frame_too_large'
  | 'forbidden_sender';

export class ReceiverMetrics {
  readonly name: string;
  received = 0;
  committed = 0;
  truncated = 0;
  futureTimes = 0;
  malformed = 0;
  sequenceGaps: number | undefined;
  kernelDrops: number | undefined;
  lastCommitAt: number | null = null;
  readonly rejected = new Map<RejectReason, number>();

  constructor(name: string) {
    this.name = name;
  }

  reject(reason: RejectReason, lines: number): void {
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + lines);
  }

  snapshot(): IngestReceiverStatus {
    return {
      name: this.name,
      received: this.received,
      committed: this.committed,
      rejected: Object.fromEntries(this.rejected),
      truncated: this.truncated,
      futureTimes: this.futureTimes,
      malformed: this.malformed,
      ...(this.sequenceGaps === undefined ? {} : { sequenceGaps: this.sequenceGaps }),
      ...(this.kernelDrops === undefined ? {} : { kernelDrops: this.kernelDrops }),
      lastCommitAt: this.lastCommitAt,
    };
  }
}

export class IngestMetrics {
  readonly #receivers = new Map<string, ReceiverMetrics>();

  receiver(name: string): ReceiverMetrics {
    let metrics = this.#receivers.get(name);
    if (!metrics) {
      metrics = new ReceiverMetrics(name);
      this.#receivers.set(name, metrics);
    }
    return metrics;
  }

  snapshot(): IngestReceiverStatus[] {
    return [...this.#receivers.values()].map((r) => r.snapshot());
  }
}
