/**
 * The import report and the checks a batch passes before it is handed to the store, so the
 * store never refuses a batch half-way through a file.
 */
import type { NewLogLine } from '../storage/ports.ts';

/** LTS limit for one log line's content. */
export const MAX_CONTENT_CHARS = 10_000;
const MAX_LABEL_VALUE_CHARS = 1_024;
/** 9999-12-31T23:59:59.999Z: anything later is a parsing accident, not a log time. */
const MAX_TIME = 253_402_300_799_999;
/** How many line numbers and examples a report keeps per category. */
export const MAX_LINE_NUMBERS = 1_000;
export const MAX_EXAMPLES = 5;
const EXAMPLE_CHARS = 200;

export interface LineExamples {
  count: number;
  /** The first MAX_LINE_NUMBERS line numbers (1-based). */
  lineNumbers: number[];
  /** The first few lines with what was wrong or what they said. */
  examples: { line: number; detail: string }[];
}

export interface ImportReport {
  file: string;
  group: string;
  stream: string;
  groupCreated: boolean;
  streamCreated: boolean;
  /** Retention that applies to the stream, and the resulting cut-off (epoch ms). */
  ttlInDays: number;
  cutoff: number;
  /** Zone used for timestamps without an offset. */
  zone: string;
  /** Lines in the file, empty ones included. */
  linesRead: number;
  loaded: number;
  empty: number;
  /** Lines before the first timestamped line: nothing to date them by; not loaded. */
  unparsable: LineExamples;
  /** Longer than LTS allows for one line; not loaded. */
  tooLong: LineExamples;
  /** Refused by the line checks (e.g. a label too long); not loaded. */
  rejected: LineExamples;
  /** Loaded, but older than the retention: the next retention run deletes them. */
  outsideRetention: LineExamples;
  /** Loaded, but more than a day after `now`: probably a wrong --tz. */
  inFuture: LineExamples;
  /** Lines without their own timestamp that took the previous line's time. */
  inheritedTimestamps: number;
  /** How many lines each timestamp format dated. */
  formats: Record<string, number>;
  firstTime: number | null;
  lastTime: number | null;
  durationMs: number;
  /**
   * How this run related to earlier ones (ingest/progress.ts): started at the beginning (and
   * why), resumed after `skippedLines` lines an earlier run had committed, or nothing to do.
   */
  resume: { kind: 'fresh'; why: 'none' | 'other_file' | 'shorter' | 'forced' } | { kind: 'resumed'; skippedLines: number } | { kind: 'already_complete'; importedAt: number };
}

type ReportBasics = Pick<ImportReport, 'file' | 'group' | 'stream' | 'groupCreated' | 'streamCreated' | 'ttlInDays' | 'cutoff' | 'zone'>;

const examples = (): LineExamples => ({ count: 0, lineNumbers: [], examples: [] });

export function newReport(basics: ReportBasics): ImportReport {
  return {
    ...basics, linesRead: 0, loaded: 0, empty: 0, unparsable: examples(), tooLong: examples(), rejected: examples(),
    outsideRetention: examples(), inFuture: examples(), inheritedTimestamps: 0, formats: {}, firstTime: null, lastTime: null, durationMs: 0,
    resume: { kind: 'fresh', why: 'none' },
  };
}

export function noteExample(target: LineExamples, line: number, detail: string): void {
  target.count++;
  if (target.lineNumbers.length < MAX_LINE_NUMBERS) target.lineNumbers.push(line);
  if (target.examples.length < MAX_EXAMPLES) target.examples.push({ line, detail: detail.length > EXAMPLE_CHARS ? `${detail.slice(0, EXAMPLE_CHARS)}…` : detail });
}

/** Thrown for bad options, unreadable files and refused batches; carries the report so far. */
export class ImportError extends Error {
  readonly report: ImportReport | null;
  constructor(message: string, report: ImportReport | null = null) {
    super(message);
    this.name = 'ImportError';
    this.report = report;
  }
}

/** Why a line would be refused, or null when it is fine. */
export function lineProblem(line: NewLogLine): string | null {
  if (!Number.isSafeInteger(line.time) || line.time < 0 || line.time > MAX_TIME) return `time ${line.time} is not a valid epoch ms`;
  if (line.content.length === 0) return 'content is empty';
  if (line.content.length > MAX_CONTENT_CHARS) return `content has ${line.content.length} characters, more than ${MAX_CONTENT_CHARS}`;
  for (const [key, value] of Object.entries(line.labels)) {
    if (value.length > MAX_LABEL_VALUE_CHARS) return `label ${key} has more than ${MAX_LABEL_VALUE_CHARS} characters`;
  }
  return null;
}

/** Re-checks a whole batch right before it is written; a failure here is a bug, not bad input. */
export function checkBatch(batch: readonly NewLogLine[], firstLine: number): void {
  for (const line of batch) {
    const problem = lineProblem(line);
    if (problem) throw new ImportError(`internal check failed in the batch starting at line ${firstLine}: ${problem}; nothing of it was written`);
  }
}
