/**
 * Log content is hostile: it is shown as text (React text nodes, never markup), and characters that
 * would act instead of show are made visible. An ANSI escape would otherwise be invisible, a
 * right-to-left override could make `exe.txt` read as `txt.exe`, and a line feed inside a one-line
 * row would hide what follows. This module turns content plus the server's match ranges into
 * segments the row renders one `<span>`/`<mark>` each.
 */

import { controlStandIn, hasSpecialCharacters, SPECIAL_CHARACTERS } from '../../lib/visible-text.ts';

export interface Highlight {
  start: number;
  end: number;
}

export interface Segment {
  /** What to show. For a control character, its visible stand-in. */
  text: string;
  /** Inside a range where the query matched. */
  mark: boolean;
  /** A stand-in for an invisible or acting character; `title` names the original. */
  control?: { title: string };
}

export interface SegmentOptions {
  /** Keep line feeds and tabs as they are (the expanded view); otherwise show them as symbols. */
  multiline?: boolean;
  /** Show only the first this-many characters of the content. */
  limit?: number;
}

/** Sorted, merged ranges clipped to [0, length); empty and inverted ranges dropped. */
export function normalizeHighlights(highlights: readonly Highlight[], length: number): Highlight[] {
  const clipped = highlights
    .map((range) => ({ start: Math.max(0, Math.floor(range.start)), end: Math.min(length, Math.floor(range.end)) }))
    .filter((range) => range.end > range.start)
    .sort((a, b) => a.start - b.start);
  const merged: Highlight[] = [];
  for (const range of clipped) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** Where to cut `text` at about `limit` without splitting a surrogate pair. */
export function cutIndex(text: string, limit: number): number {
  if (text.length <= limit) return text.length;
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

function pushText(segments: Segment[], text: string, mark: boolean, multiline: boolean): void {
  if (text === '') return;
  if (!hasSpecialCharacters(text)) {
    segments.push({ text, mark });
    return;
  }
  let last = 0;
  for (const match of text.matchAll(SPECIAL_CHARACTERS)) {
    const index = match.index;
    const char = match[0];
    if (multiline && (char === '\n' || char === '\t')) continue;
    if (index > last) segments.push({ text: text.slice(last, index), mark });
    const { text: standIn, title } = controlStandIn(char);
    segments.push({ text: standIn, mark, control: { title } });
    last = index + 1;
  }
  if (last < text.length) segments.push({ text: text.slice(last), mark });
}

/** Content split into plain, matched and control segments, in order. */
export function segmentLine(content: string, highlights: readonly Highlight[], options: SegmentOptions = {}): Segment[] {
  const end = options.limit === undefined ? content.length : cutIndex(content, options.limit);
  const multiline = options.multiline ?? false;
  const segments: Segment[] = [];
  let position = 0;
  for (const range of normalizeHighlights(highlights, end)) {
    pushText(segments, content.slice(position, range.start), false, multiline);
    pushText(segments, content.slice(range.start, range.end), true, multiline);
    position = range.end;
  }
  pushText(segments, content.slice(position, end), false, multiline);
  return segments;
}

/** UTF-8 size of a text, as a log shipper would count it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      bytes += 4;
      index++;
    } else bytes += 3;
  }
  return bytes;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Data in accessible names and tooltips, cut so a huge value cannot flood them. */
export function shortText(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, cutIndex(text, max - 1))}…` : text;
}
