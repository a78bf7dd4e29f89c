/**
 * Makes one received record storable without losing it: a line over the size limit is cut with a
 * visible marker and its original length, a claimed time too far ahead is replaced by the receive
 * time (the claim kept as a label), and labels are bounded. Invalid UTF-8 never reaches here as
 * such: decoders replace it with U+FFFD.
 */
import type { LogLabels, NewLogLine } from '../../storage/ports.ts';
import { MAX_CONTENT_CHARS } from '../import-report.ts';
import { FUTURE_TOLERANCE_MS } from '../timestamps.ts';
import type { ReceiverMetrics } from './metrics.ts';

const MAX_LABELS = 48;
const MAX_LABEL_KEY = 128;
const MAX_LABEL_VALUE = 1_024;
const LABEL_KEY = /^[A-Za-z0-9_.:@/-]+$/;

export function truncationMarker(originalLength: number): string {
  return ` …[truncated by Vigil: original length ${originalLength} characters]`;
}

/** Cuts content to the store's limit; the marker says so and gives the original length. */
export function boundContent(content: string): { content: string; truncated: boolean } {
  if (content.length <= MAX_CONTENT_CHARS) return { content, truncated: false };
  const marker = truncationMarker(content.length);
  let cut = MAX_CONTENT_CHARS - marker.length;
  // Do not split a surrogate pair.
  const code = content.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return { content: content.slice(0, cut) + marker, truncated: true };
}

/** Keeps at most MAX_LABELS labels with safe names; values are cut to the store's limit. */
export function boundLabels(labels: Record<string, string>): LogLabels {
  const out: LogLabels = {};
  let n = 0;
  for (const [rawKey, rawValue] of Object.entries(labels)) {
    if (n >= MAX_LABELS) break;
    const key = rawKey.slice(0, MAX_LABEL_KEY);
    if (!LABEL_KEY.test(key)) continue;
    out[key] = rawValue.length > MAX_LABEL_VALUE ? rawValue.slice(0, MAX_LABEL_VALUE - 1) + '…' : rawValue;
    n++;
  }
  return out;
}

export interface RawRecord {
  /** Claimed time (epoch ms), or null when the sender gave none. */
  time: number | null;
  content: string;
  labels: Record<string, string>;
}

export function normalizeRecord(record: RawRecord, receivedAt: number, metrics: ReceiverMetrics): NewLogLine {
  const labels = boundLabels(record.labels);
  const { content, truncated } = boundContent(record.content);
  if (truncated) {
    metrics.truncated++;
    labels.truncatedFrom = String(record.content.length);
  }
  let time = record.time ?? receivedAt;
  if (!Number.isFinite(time) || time < 0) time = receivedAt;
  time = Math.floor(time);
  if (time > receivedAt + FUTURE_TOLERANCE_MS) {
    metrics.futureTimes++;
    labels.claimedTime = new Date(Math.min(time, 8.64e15)).toISOString();
    time = receivedAt;
  }
  return { time, content, labels };
}
