/**
 * Input checks run before a batch is sent to the writer (lines: store.ts, on the caller's thread,
 * where their fields are extracted; groups and streams: in the writer), so a bad batch is refused
 * whole with a message that names the offending line, and nothing hostile reaches the database.
 */
import { ltsName, tags as tagsSchema } from '../../../contract/schemas/common.ts';
import type { NewLogGroup, NewLogLine, NewLogStream } from '../ports.ts';
import { MAX_LINE_TIME } from './line-id.ts';

/** LTS limit for one log line. */
export const MAX_CONTENT_CHARS = 10_000;
export const MAX_LABELS = 64;
export const MAX_LABEL_KEY_CHARS = 128;
export const MAX_LABEL_VALUE_CHARS = 1_024;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lineProblem(line: unknown): string | null {
  if (!isPlainObject(line)) return 'not an object';
  const { time, content, labels } = line;
  if (typeof time !== 'number' || !Number.isInteger(time)) return `time must be an integer epoch ms, got ${String(time)}`;
  if (time < 0 || time > MAX_LINE_TIME) return `time ${time} is out of range 0..${MAX_LINE_TIME}`;
  if (typeof content !== 'string') return 'content must be a string';
  if (content.length > MAX_CONTENT_CHARS) {
    return `content has ${content.length} characters, more than the limit of ${MAX_CONTENT_CHARS}`;
  }
  if (!isPlainObject(labels)) return 'labels must be an object of strings';
  const entries = Object.entries(labels);
  if (entries.length > MAX_LABELS) return `has ${entries.length} labels, more than ${MAX_LABELS}`;
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > MAX_LABEL_KEY_CHARS) return `label name "${key.slice(0, 40)}" must have 1..${MAX_LABEL_KEY_CHARS} characters`;
    if (typeof value !== 'string') return `label "${key}" must be a string`;
    if (value.length > MAX_LABEL_VALUE_CHARS) return `label "${key}" is longer than ${MAX_LABEL_VALUE_CHARS} characters`;
  }
  return null;
}

export function assertValidLines(lines: unknown): asserts lines is readonly NewLogLine[] {
  if (!Array.isArray(lines)) throw new Error('lines must be an array');
  for (let index = 0; index < lines.length; index++) {
    const problem = lineProblem(lines[index]);
    if (problem) throw new Error(`invalid log line at index ${index}: ${problem}; batch rejected, nothing written`);
  }
}

function assertTtl(ttl: unknown, what: string): asserts ttl is number {
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1 || ttl > 365) {
    throw new Error(`${what} ttl_in_days must be an integer from 1 to 365, got ${String(ttl)}`);
  }
}

function checkedName(name: unknown, what: string): string {
  const parsed = ltsName.safeParse(name);
  if (!parsed.success) throw new Error(`invalid ${what} name ${JSON.stringify(name)}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function checkedTags(tags: unknown, what: string): Record<string, string> {
  const parsed = tagsSchema.safeParse(tags ?? {});
  if (!parsed.success) throw new Error(`invalid ${what} tags: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export function checkedGroup(group: NewLogGroup): Required<NewLogGroup> {
  if (!isPlainObject(group)) throw new Error('log group must be an object');
  const name = checkedName(group.name, 'log group');
  assertTtl(group.ttlInDays, `log group "${name}"`);
  return { name, ttlInDays: group.ttlInDays, tags: checkedTags(group.tags, `log group "${name}"`) };
}

export function checkedStream(stream: NewLogStream): Required<NewLogStream> {
  if (!isPlainObject(stream)) throw new Error('log stream must be an object');
  const name = checkedName(stream.name, 'log stream');
  const ttl = stream.ttlInDays ?? null;
  if (ttl !== null) assertTtl(ttl, `log stream "${name}"`);
  if (typeof stream.groupId !== 'string') throw new Error(`log stream "${name}" needs a groupId`);
  return { groupId: stream.groupId, name, ttlInDays: ttl, tags: checkedTags(stream.tags, `log stream "${name}"`) };
}
