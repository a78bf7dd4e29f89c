/**
 * Imports a log file into a stream: reads it line by line, finds each line's time, and appends
 * validated batches. Lines without a timestamp of their own (stack-trace continuations) take the
 * previous line's time; lines before the first timestamp cannot be placed and are reported.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ltsName } from '../../contract/index.ts';
import { silentLogger, type Logger } from '../logger.ts';
import type { NewLogLine, Store } from '../storage/ports.ts';
import { labelsFor } from './line-labels.ts';
import { identifyFile, planResume, progressRecord } from './progress.ts';
import { readLines } from './read-lines.ts';
import { detectTimestamp, FUTURE_TOLERANCE_MS, type TimestampFormat } from './timestamps.ts';
import { isValidTimeZone } from './zoned-time.ts';
import { checkBatch, ImportError, lineProblem, MAX_CONTENT_CHARS, newReport, noteExample, type ImportReport } from './import-report.ts';

export const IMPORT_BATCH_SIZE = 5_000;
export const DEFAULT_IMPORT_TTL_DAYS = 30;
const DAY_MS = 86_400_000;

export interface ImportOptions {
  file: string;
  group: string;
  stream: string;
  /** IANA zone for timestamps without an offset; default UTC. */
  tz?: string;
  /** Retention of the group if it has to be created; default 30. */
  ttlDays?: number;
  /** Reference time for retention and for years of year-less timestamps; default now. */
  now?: number;
  logger?: Logger;
  /** Import the whole file again even if an earlier run imported it (or part of it). */
  force?: boolean;
}

export async function importLogFile(store: Store, options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const logger = options.logger ?? silentLogger;
  const zone = options.tz ?? 'UTC';
  const now = options.now ?? Date.now();
  const ttlDays = options.ttlDays ?? DEFAULT_IMPORT_TTL_DAYS;
  const file = resolve(options.file);
  checkOptions(options, zone, ttlDays);
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new ImportError(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  if (!info.isFile()) throw new ImportError(`${file} is not a regular file`);

  const group = await store.logs.ensureGroup({ name: options.group, ttlInDays: ttlDays });
  if (!group.created && options.ttlDays !== undefined && group.ttlInDays !== ttlDays) {
    logger.warn('import: the log group exists; its retention is unchanged', { group: options.group, ttlInDays: group.ttlInDays });
  }
  const stream = await store.logs.ensureStream({ groupId: group.id, name: options.stream });
  const retentionDays = await effectiveTtl(store, options.group, options.stream, group.ttlInDays);
  const cutoff = now - retentionDays * DAY_MS;
  const report = newReport({ file, group: options.group, stream: options.stream, groupCreated: group.created, streamCreated: stream.created, ttlInDays: retentionDays, cutoff, zone });

  // Progress is recorded with every batch (same transaction), keyed by file and target stream.
  const source = `file:${file} -> ${stream.id}`;
  const identity = await identifyFile(file);
  const stored = store.logs.importProgress ? await store.logs.importProgress(source) : null;
  const plan = await planResume(file, stored, options.force ?? false);
  if (plan.kind === 'done') {
    report.resume = { kind: 'already_complete', importedAt: plan.record.updatedAt };
    report.durationMs = Math.round(performance.now() - started);
    logger.info('import: already imported; nothing to do', { file });
    return report;
  }
  report.resume = plan.kind === 'resume' ? { kind: 'resumed', skippedLines: plan.lines } : plan;

  const ctx = { now, zone };
  const formats = new Map<TimestampFormat, number>();
  let previous: number | null = plan.kind === 'resume' ? plan.lastTime : null;
  let batch: NewLogLine[] = [];
  let batchFirstLine = 0;
  let consumed = plan.kind === 'resume' ? { bytes: plan.bytes, lines: plan.lines } : { bytes: 0, lines: 0 };

  const flush = async (complete: boolean) => {
    if (batch.length === 0 && !complete) return;
    checkBatch(batch, batchFirstLine);
    const progress = progressRecord(source, identity, { ...consumed, lastTime: previous, complete }, Date.now());
    try {
      await store.logs.appendLines(stream.id, batch, progress);
    } catch (error) {
      throw new ImportError(`the batch starting at line ${batchFirstLine} was refused by the store (nothing of it was written): ${(error as Error).message}`, finish());
    }
    report.loaded += batch.length;
    batch = [];
  };
  const finish = () => {
    report.formats = Object.fromEntries(formats);
    report.durationMs = Math.round(performance.now() - started);
    return report;
  };

  const from = plan.kind === 'resume' ? { byte: plan.bytes, line: plan.lines } : undefined;
  for await (const line of readLines(file, MAX_CONTENT_CHARS, from)) {
    report.linesRead++;
    consumed = { bytes: line.end, lines: line.number };
    if (line.text.trim() === '') {
      report.empty++;
      continue;
    }
    const detected = detectTimestamp(line.text, ctx);
    if (detected) {
      previous = detected.time;
      formats.set(detected.format, (formats.get(detected.format) ?? 0) + 1);
    } else if (previous === null) {
      noteExample(report.unparsable, line.number, line.text);
      continue;
    } else {
      report.inheritedTimestamps++;
    }
    const time = detected?.time ?? (previous as number);
    if (line.length > MAX_CONTENT_CHARS) {
      noteExample(report.tooLong, line.number, `${line.length} characters`);
      continue;
    }
    const entry: NewLogLine = { time, content: line.text, labels: labelsFor(line.text, file) };
    const problem = lineProblem(entry);
    if (problem) {
      noteExample(report.rejected, line.number, problem);
      continue;
    }
    if (time < cutoff) noteExample(report.outsideRetention, line.number, new Date(time).toISOString());
    if (time > now + FUTURE_TOLERANCE_MS) noteExample(report.inFuture, line.number, new Date(time).toISOString());
    report.firstTime = report.firstTime === null ? time : Math.min(report.firstTime, time);
    report.lastTime = report.lastTime === null ? time : Math.max(report.lastTime, time);
    if (batch.length === 0) batchFirstLine = line.number;
    batch.push(entry);
    if (batch.length >= IMPORT_BATCH_SIZE) await flush(false);
  }
  await flush(true);
  finish();

  if (report.outsideRetention.count > 0) {
    logger.warn('import: lines older than the stream retention; the next retention run deletes them', {
      count: report.outsideRetention.count, ttlInDays: retentionDays, example: report.outsideRetention.examples[0],
    });
  }
  if (report.unparsable.count > 0) logger.warn('import: lines without a timestamp before the first dated line', { count: report.unparsable.count });
  logger.info('import: done', { file, loaded: report.loaded, durationMs: report.durationMs });
  return report;
}

function checkOptions(options: ImportOptions, zone: string, ttlDays: number): void {
  for (const [what, name] of [['group', options.group], ['stream', options.stream]] as const) {
    const parsed = ltsName.safeParse(name);
    if (!parsed.success) throw new ImportError(`invalid ${what} name ${JSON.stringify(name)}: ${parsed.error.issues[0]?.message}`);
  }
  if (!isValidTimeZone(zone)) throw new ImportError(`unknown time zone "${zone}" (use an IANA name such as Europe/Berlin)`);
  if (!Number.isInteger(ttlDays) || ttlDays < 1 || ttlDays > 365) throw new ImportError(`ttl days must be an integer from 1 to 365, got ${ttlDays}`);
}

/** The stream's own retention, else its group's. */
async function effectiveTtl(store: Store, groupName: string, streamName: string, groupTtl: number): Promise<number> {
  const groups = await store.logs.listGroups();
  const stream = groups.find((g) => g.log_group_name === groupName)?.log_streams.find((s) => s.log_stream_name === streamName);
  return stream?.ttl_in_days ?? groupTtl;
}
