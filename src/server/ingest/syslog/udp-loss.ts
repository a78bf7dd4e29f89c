/**
 * What can be seen of UDP loss: gaps in senders' RFC 5424 `meta sequenceId`, and the kernel's
 * per-socket drop counter (/proc/net/udp, Linux), which counts datagrams that arrived while the
 * receive buffer was full.
 */
import { readFileSync } from 'node:fs';

const MAX_SENDERS = 10_000;

export class UdpLossTracker {
  readonly #last = new Map<string, number>();
  #gaps = 0;

  /** Notes a sender's sequence number; returns the total of missing numbers seen so far. */
  note(sender: string, sequenceId: number | null): number {
    if (sequenceId === null) return this.#gaps;
    const last = this.#last.get(sender);
    // A smaller number means the sender restarted; a huge jump is not believed.
    if (last !== undefined && sequenceId > last + 1 && sequenceId - last < 1_000_000) this.#gaps += sequenceId - last - 1;
    if (this.#last.size >= MAX_SENDERS && last === undefined) this.#last.clear();
    this.#last.set(sender, sequenceId);
    return this.#gaps;
  }

  /** Kernel drops on the socket bound to `port`, or null where /proc/net/udp is not available. */
  kernelDrops(port: number): number | null {
    let total: number | null = null;
    for (const file of ['/proc/net/udp', '/proc/net/udp6']) {
      let text: string;
      try {
        text = readFileSync(file, 'latin1');
      } catch {
        continue;
      }
      const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
      for (const line of text.split('\n').slice(1)) {
        const cols = line.trim().split(/\s+/);
        if (cols.length < 13 || !cols[1]!.endsWith(`:${hexPort}`)) continue;
        total = (total ?? 0) + Number(cols[cols.length - 1]);
      }
    }
    return total;
  }
}
