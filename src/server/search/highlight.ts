/**
 * Where a query matched inside result lines: character ranges of its content words, phrases,
 * wildcards and regexes that are not under a NOT (those cannot be in the line). Computed on the
 * page in JS after the store returned it, case-insensitively:
 *  - words and phrases as whole tokens, a phrase's words separated by any non-word characters
 *    (as the index matched them);
 *  - wildcards as their core (`*admin*` marks "admin", `admin*` the whole word);
 *  - regexes with the same linear-safe compilation the search used.
 * All patterns run on foldCase(content), which keeps offsets, so ranges index the original text.
 */
import type { QueryNode } from '../../query/ast.ts';
import { positiveTerms, walkQuery } from '../../query/analyze.ts';
import { compileLinearRegex, foldCase } from './linear-regex.ts';
import { contentGlobHighlightSource, isTokenChar } from './glob.ts';

export interface Highlight {
  start: number;
  end: number;
}

/** Bound per line: a term matching every other character must not produce a huge array. */
const MAX_PER_LINE = 100;

interface Finder {
  regex: RegExp;
  /** The match may start with one consumed separator (start anchor) / end with one (end anchor). */
  startAnchor: boolean;
  endAnchor: boolean;
  /** Runs on the folded content (all but case-sensitive regexes). */
  folded: boolean;
}

const escapeRegex = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
const TOKEN = '0-9a-z\\u0080-\\uffff';

function wordsFinder(value: string): Finder | null {
  const words = foldCase(value).match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  const source = `(?:^|[^${TOKEN}])${words.map(escapeRegex).join(`[^${TOKEN}]+`)}(?:[^${TOKEN}]|$)`;
  const compiled = compileLinearRegex(source, false, true);
  return compiled.ok ? { regex: compiled.regex, startAnchor: true, endAnchor: true, folded: true } : null;
}

function globFinder(pattern: string): Finder | null {
  const glob = contentGlobHighlightSource(pattern);
  if (!glob) return null;
  const compiled = compileLinearRegex(glob.source, false, true);
  return compiled.ok ? { regex: compiled.regex, startAnchor: glob.startAnchor, endAnchor: glob.endAnchor, folded: true } : null;
}

function regexFinder(pattern: string, caseInsensitive: boolean): Finder | null {
  // Case-insensitive patterns come back rewritten for the folded subject (linear-regex.ts).
  const compiled = compileLinearRegex(pattern, caseInsensitive, true);
  return compiled.ok ? { regex: compiled.regex, startAnchor: false, endAnchor: false, folded: caseInsensitive } : null;
}

/** The finders for a query, built once per page. */
export function highlightFinders(ast: QueryNode): Finder[] {
  const finders: (Finder | null)[] = [];
  for (const term of positiveTerms(ast)) {
    if (term.field !== null) continue;
    finders.push(term.kind === 'wildcard' ? globFinder(term.value) : wordsFinder(term.value));
  }
  walkQuery(ast, (node, negated) => {
    if (node.kind === 'regex' && node.field === null && !negated) finders.push(regexFinder(node.pattern, node.caseInsensitive));
  });
  return finders.filter((finder) => finder !== null);
}

function find(finder: Finder, content: string, folded: string, into: Highlight[]): void {
  const { regex } = finder;
  const subject = finder.folded ? folded : content;
  regex.lastIndex = 0;
  let found = 0;
  for (let match = regex.exec(subject); match !== null && found < MAX_PER_LINE; match = regex.exec(subject)) {
    let start = match.index;
    let end = start + match[0].length;
    if (finder.startAnchor && start < end && !isTokenChar(subject[start]!)) start++;
    if (finder.endAnchor && end > start && !isTokenChar(subject[end - 1]!)) end--;
    if (end > start) {
      into.push({ start, end });
      found++;
    }
    // Continue right after the range, so a separator consumed as an anchor can start the next match.
    regex.lastIndex = Math.max(end, match.index + 1);
  }
}

/** Sorted, non-overlapping ranges of `content` the finders match. */
export function highlightLine(finders: readonly Finder[], content: string): Highlight[] {
  if (finders.length === 0) return [];
  const folded = foldCase(content);
  const ranges: Highlight[] = [];
  for (const finder of finders) find(finder, content, folded, ranges);
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Highlight[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged.slice(0, MAX_PER_LINE);
}
