/**
 * Where a line search page ended, region-aware. Within a region the position is the last line
 * handed out (line_num and stream index). Line numbers are the region's own, so a position used
 * in another region (after a failover) cannot be compared with its lines: the page then restarts
 * at the position's millisecond and leaves out the lines already shown at that millisecond, which
 * the position remembers by a short hash of stream and content (at most MAX_SEEN of them, with a
 * count per hash, so identical lines are told apart by number).
 */
import { createHash } from 'node:crypto';
import { OtcError } from './errors.ts';

export interface Key {
  lineNum: string;
  stream: number;
}

export interface LinePosition {
  /** Region whose line numbers `key` uses; null for a position from before positions named one. */
  region: string | null;
  key: Key;
  /** Hashes of the lines handed out at key's millisecond (repeated for identical lines). */
  seen: string[];
  /** More lines shared that millisecond than `seen` holds. */
  overflow: boolean;
}

export const MAX_SEEN = 16;

/** The millisecond of a line number (ms * 10^6 + sequence); cut as text, since 19 digits exceed a double's precision. */
export const timeOfLineNum = (lineNum: string) => Number(lineNum.slice(0, -6) || '0');

export function lineHash(streamId: string, content: string): string {
  return createHash('sha256').update(`${streamId}\n${content}`).digest('base64url').slice(0, 8);
}

export function encodePosition(position: LinePosition): string {
  const { region, key, seen, overflow } = position;
  return `${region ?? ''}~${key.lineNum}.${key.stream}~${seen.join(',')}${overflow ? '+' : ''}`;
}

const LEGACY = /^(\d{19})\.(\d{1,3})$/;
const CURRENT = /^([a-z]{2}-[a-z0-9-]{1,30})~(\d{19})\.(\d{1,3})~((?:[A-Za-z0-9_-]{8})(?:,[A-Za-z0-9_-]{8}){0,15})?(\+)?$/;

export function decodePosition(text: string | null): LinePosition | null {
  if (text === null) return null;
  const legacy = LEGACY.exec(text);
  if (legacy) return { region: null, key: { lineNum: legacy[1]!, stream: Number(legacy[2]) }, seen: [], overflow: false };
  const m = CURRENT.exec(text);
  if (!m) throw new OtcError({ kind: 'client', region: '-', message: 'the cursor is not one the OTC store issued' });
  return { region: m[1]!, key: { lineNum: m[2]!, stream: Number(m[3]) }, seen: m[4] ? m[4].split(',') : [], overflow: m[5] === '+' };
}

/**
 * The position after a page: the new key, and the lines handed out at its millisecond, carried
 * over from the previous position when the page ended in the same millisecond.
 */
export function nextPosition(region: string, key: Key, previous: LinePosition | null, handedOut: readonly { time: number; streamId: string; content: string }[]): LinePosition {
  const t = timeOfLineNum(key.lineNum);
  // Hashes name lines by stream and content, not by region: they carry over a failover too.
  const carried = previous && timeOfLineNum(previous.key.lineNum) === t ? previous : null;
  const seen = [...(carried?.seen ?? [])];
  let overflow = carried?.overflow ?? false;
  for (const line of handedOut) {
    if (line.time !== t) continue;
    if (seen.length < MAX_SEEN) seen.push(lineHash(line.streamId, line.content));
    else overflow = true;
  }
  return { region, key, seen, overflow };
}

/**
 * For a position from another region: a key that lets every line of the position's millisecond
 * through (the window is cut there) and a filter that drops, by count, those already shown.
 */
export function crossRegionStart(position: LinePosition, newest: boolean): { key: Key; alreadyShown: (line: { time: number; streamId: string; content: string }) => boolean } {
  const t = timeOfLineNum(position.key.lineNum);
  const ms = String(t);
  const key = newest ? { lineNum: `${ms}999999`.padStart(19, '0'), stream: 1000 } : { lineNum: `${ms}000000`.padStart(19, '0'), stream: -1 };
  const left = new Map<string, number>();
  for (const h of position.seen) left.set(h, (left.get(h) ?? 0) + 1);
  return {
    key,
    alreadyShown: (line) => {
      if (line.time !== t) return false;
      const h = lineHash(line.streamId, line.content);
      const n = left.get(h) ?? 0;
      if (n === 0) return false;
      left.set(h, n - 1);
      return true;
    },
  };
}
