/**
 * The OTC simulator's data: an in-memory tenant filled through the storage ports by the same demo
 * seed as the embedded store (src/server/seed), so the simulator and a fresh Vigil hold the same
 * groups, streams, lines and traces. Lines get LTS-style 19-digit line numbers (ms * 10^6 + a
 * sequence within the millisecond), unique across the tenant.
 */
import { randomUUID } from 'node:crypto';
import type { CtsTrace } from '../../../contract/index.ts';
import type {
  AppendResult,
  LogPort,
  NewLogGroup,
  NewLogLine,
  NewLogStream,
  RetentionResult,
  Store,
  TraceAppendResult,
} from '../../storage/ports.ts';

export interface SimLine {
  lineNum: string;
  time: number;
  content: string;
  labels: Record<string, string>;
  /** Lower-cased content, tokenised lazily by the matcher. */
  lower: string;
}

export interface SimStream {
  id: string;
  name: string;
  groupId: string;
  ttlInDays: number | null;
  creationTime: number;
  tags: Record<string, string>;
  /** Sorted by lineNum (time order). */
  lines: SimLine[];
}

export interface SimGroup {
  id: string;
  name: string;
  ttlInDays: number;
  creationTime: number;
  tags: Record<string, string>;
  streams: SimStream[];
}

export class MemoryTenant implements Store {
  readonly kind = 'embedded' as const;
  readonly groups: SimGroup[] = [];
  readonly streams = new Map<string, SimStream>();
  /** Newest first after `finish()`. */
  traceList: CtsTrace[] = [];
  #traceIds = new Set<string>();
  /** Lines written per millisecond so far: the sequence part of the next line number. */
  readonly #perMs = new Map<number, number>();

  readonly logs: LogPort = {
    listGroups: () => Promise.reject(new Error('the simulator serves groups over its HTTP API')),
    appendBatches: () => Promise.reject(new Error('the simulator tenant is filled by the demo seed through appendLines')),
    readIngestCursor: () => Promise.resolve(null),
    ensureGroup: (group: NewLogGroup) => {
      const found = this.groups.find((g) => g.name === group.name);
      if (found) return Promise.resolve({ id: found.id, created: false, ttlInDays: found.ttlInDays });
      const created: SimGroup = { id: randomUUID(), name: group.name, ttlInDays: group.ttlInDays, creationTime: Date.now(), tags: group.tags ?? {}, streams: [] };
      this.groups.push(created);
      return Promise.resolve({ id: created.id, created: true, ttlInDays: created.ttlInDays });
    },
    ensureStream: (stream: NewLogStream) => {
      const group = this.groups.find((g) => g.id === stream.groupId);
      if (!group) return Promise.reject(new Error(`no group ${stream.groupId}`));
      const found = group.streams.find((s) => s.name === stream.name);
      if (found) return Promise.resolve({ id: found.id, created: false });
      const created: SimStream = {
        id: randomUUID(),
        name: stream.name,
        groupId: group.id,
        ttlInDays: stream.ttlInDays ?? null,
        creationTime: Date.now(),
        tags: stream.tags ?? {},
        lines: [],
      };
      group.streams.push(created);
      this.streams.set(created.id, created);
      return Promise.resolve({ id: created.id, created: true });
    },
    appendLines: (streamId: string, lines: readonly NewLogLine[]): Promise<AppendResult> => {
      const stream = this.streams.get(streamId);
      if (!stream) return Promise.reject(new Error(`no stream ${streamId}`));
      let first: string | null = null;
      let last: string | null = null;
      for (const line of lines) {
        const lineNum = this.#lineNum(line.time);
        first ??= lineNum;
        last = lineNum;
        stream.lines.push({ lineNum, time: line.time, content: line.content, labels: { ...line.labels }, lower: line.content.toLowerCase() });
      }
      return Promise.resolve({ written: lines.length, firstLineNum: first, lastLineNum: last });
    },
    applyRetention: (): Promise<RetentionResult> => Promise.resolve({ deletedLines: 0, streams: [] }),
  };

  readonly traces = {
    appendTraces: (traces: readonly CtsTrace[]): Promise<TraceAppendResult> => {
      const duplicates: string[] = [];
      let inserted = 0;
      for (const trace of traces) {
        if (this.#traceIds.has(trace.trace_id)) duplicates.push(trace.trace_id);
        else {
          this.#traceIds.add(trace.trace_id);
          this.traceList.push(trace);
          inserted++;
        }
      }
      return Promise.resolve({ inserted, duplicates });
    },
  };

  counts() {
    let lines = 0;
    for (const stream of this.streams.values()) lines += stream.lines.length;
    return Promise.resolve({ lines, traces: this.traceList.length });
  }

  /** Sorts what the seed wrote (it writes batches in time order per stream, not globally). */
  finish(): void {
    for (const stream of this.streams.values()) stream.lines.sort((a, b) => (a.lineNum < b.lineNum ? -1 : a.lineNum > b.lineNum ? 1 : 0));
    this.traceList.sort((a, b) => b.time - a.time || (a.trace_id < b.trace_id ? 1 : -1));
    this.groups.sort((a, b) => a.name.localeCompare(b.name));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  #lineNum(time: number): string {
    const seq = this.#perMs.get(time) ?? 0;
    this.#perMs.set(time, seq + 1);
    return String(time * 1_000_000 + seq).padStart(19, '0');
  }
}
