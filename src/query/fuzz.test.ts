/**
 * Seeded property tests: random text never breaks the parser or the highlighter, and whatever
 * parses (from random text or from random trees) prints back to the same tree.
 */

import { describe, expect, it } from 'vitest';
import type { CompareOp, QueryNode } from './ast.ts';
import { highlightTokens, type HighlightToken } from './highlight.ts';
import { parseQuery } from './parse.ts';
import { printQuery, stripSpans } from './print.ts';

/** mulberry32: small, fast, deterministic; failures reproduce from the seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Single characters and whole fragments, so random text often gets past the first token. */
const PIECES = [
  ...'"():/-*?<>=! \\\taAbBxXyz019.i_é日😀'.split(/(?:)/u),
  ' ', ' ', ' ', 'AND', ' OR ', 'NOT ', 'not', 'level:', 'status>=', 'x:>', 'hostIP:', '10.0.0.0/8', '::1/128', '/a+/i', '"p q"', '\\"', '[/]', '(?=', '\\1',
];

function randomText(next: () => number): string {
  const length = Math.floor(next() * 24);
  let text = '';
  for (let index = 0; index < length; index++) text += PIECES[Math.floor(next() * PIECES.length)];
  return text;
}

function assertCovered(input: string, ranges: HighlightToken[]): void {
  let previousEnd = 0;
  const covered = new Array<boolean>(input.length).fill(false);
  for (const range of ranges) {
    if (range.start < previousEnd || range.end <= range.start || range.end > input.length) {
      throw new Error(`bad highlight range ${JSON.stringify(range)} for ${JSON.stringify(input)}`);
    }
    covered.fill(true, range.start, range.end);
    previousEnd = range.end;
  }
  covered.forEach((isCovered, index) => {
    if (!isCovered && !/\s/.test(input[index]!)) throw new Error(`character ${index} of ${JSON.stringify(input)} not highlighted`);
  });
}

function assertRoundTrip(ast: QueryNode, label: string): void {
  const printed = printQuery(ast);
  const again = parseQuery(printed);
  if (!again.ok) throw new Error(`${label}: printed ${JSON.stringify(printed)} does not parse: ${again.error.message}`);
  expect(stripSpans(again.ast), `${label} printed as ${JSON.stringify(printed)}`).toEqual(stripSpans(ast));
  expect(printQuery(again.ast)).toBe(printed);
}

describe('random text', () => {
  it('never throws, reports errors inside the input, highlights everything and round-trips what parses', () => {
    const next = random(20_261_126);
    let parsed = 0;
    for (let run = 0; run < 5000; run++) {
      const input = randomText(next);
      const result = parseQuery(input);
      assertCovered(input, highlightTokens(input));
      if (!result.ok) {
        const { message, position, length } = result.error;
        if (!message || position < 0 || position > input.length || !(length >= 1)) {
          throw new Error(`bad error ${JSON.stringify(result.error)} for ${JSON.stringify(input)}`);
        }
        assertCovered(input, highlightTokens(input, result.error));
        continue;
      }
      parsed++;
      assertRoundTrip(result.ast, JSON.stringify(input));
    }
    // The alphabet is meant to exercise both paths; a drift to all-errors would hide bugs.
    expect(parsed).toBeGreaterThan(500);
    expect(parsed).toBeLessThan(4500);
  });
});

/** Random trees of the shapes the parser produces: flattened, with values text can express. */
function treeGenerator(next: () => number) {
  const span = { start: 0, end: 0 };
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chars = (alphabet: string, min: number, max: number): string => {
    const letters = Array.from(alphabet);
    const length = min + Math.floor(next() * (max - min + 1));
    return Array.from({ length }, () => pick(letters)).join('');
  };
  const SAFE = 'abcXYZ019._@#$%&!\'+,;[]{}|~^\\é日😀';
  const FIELDS = ['level', 'hostName', 'hostIP', 'appName', 'pathFile', 'status', 'latency_ms', 'request.method', 'x-id', 'A1'];

  const contentWord = (): string => {
    const word = chars(SAFE, 1, 1) + chars(`${SAFE}-/`, 0, 6);
    return ['and', 'or', 'not', '&&', '||'].includes(word.toLowerCase()) ? `${word}x` : word;
  };
  const valueWord = (): string => (next() < 0.1 ? pick(['and', 'OR', 'not']) : chars(`${SAFE}-:`, 1, 1) + chars(`${SAFE}-:<>=`, 0, 6));
  const withWildcard = (word: string): string => {
    const at = Math.floor(next() * (word.length + 1));
    return word.slice(0, at) + pick(['*', '?', '**', '*?']) + word.slice(at);
  };
  const field = (): string | null => (next() < 0.5 ? null : pick(FIELDS));
  const number = (): number => {
    const value = pick([
      () => Math.floor(next() * 1000),
      () => -Math.floor(next() * 1e6),
      () => Number((next() * 1e4 - 5e3).toFixed(Math.floor(next() * 6))),
      () => pick([1e21, 1.5e300, 2.5e-7, 5e-324, Number.MAX_SAFE_INTEGER, 0.1 + 0.2]),
    ])();
    return value === 0 ? 0 : value;
  };
  const hex = (): string => Math.floor(next() * 0x10000).toString(16);
  const cidr = (): { address: string; prefixLength: number } => {
    if (next() < 0.5) {
      const address = Array.from({ length: 4 }, () => Math.floor(next() * 256)).join('.');
      return { address, prefixLength: Math.floor(next() * 33) };
    }
    const groups = Array.from({ length: 8 }, hex);
    const address = pick([groups.join(':'), `${groups.slice(0, 3).join(':')}::${groups[7]}`, '::', `::ffff:1.2.3.${Math.floor(next() * 256)}`]);
    return { address, prefixLength: Math.floor(next() * 129) };
  };
  const REGEX_ATOMS = ['err(or)?', 'a/b', '[/]x', '\\d{3}', '^GET /api', 'x|y', '(?:ab)+', '\\\\', 'a\\.b', '[^"]*', ' ', 'é'];

  const leaf = (): QueryNode => {
    const name = field();
    switch (pick(['term', 'phrase', 'wildcard', 'compare', 'cidr', 'regex'] as const)) {
      case 'term':
        return { kind: 'term', field: name, value: name === null ? contentWord() : valueWord(), span };
      case 'phrase':
        return { kind: 'phrase', field: name, value: chars(`${SAFE} "\\*?():/-`, 0, 8) + pick(['a', '"', '\\', ' z']), span };
      case 'wildcard':
        return { kind: 'wildcard', field: name, pattern: withWildcard(name === null ? contentWord() : valueWord()), span };
      case 'compare':
        return { kind: 'compare', field: pick(FIELDS), op: pick<CompareOp>(['>', '>=', '<', '<=', '=']), value: number(), span };
      case 'cidr':
        return { kind: 'cidr', field: pick(FIELDS), ...cidr(), span };
      case 'regex': {
        const pattern = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(REGEX_ATOMS)).join('');
        return { kind: 'regex', field: name, pattern, caseInsensitive: next() < 0.5, span };
      }
    }
  };

  const tree = (depth: number): QueryNode => {
    const roll = next();
    if (depth === 0 || roll < 0.4) return leaf();
    if (roll < 0.55) return { kind: 'not', child: tree(depth - 1), span };
    const kind = roll < 0.8 ? 'and' : 'or';
    const children = Array.from({ length: 2 + Math.floor(next() * 3) }, () => tree(depth - 1));
    return { kind, children: children.flatMap((child) => (child.kind === kind ? child.children : [child])), span };
  };
  return (): QueryNode => (next() < 0.01 ? { kind: 'all', span } : tree(3));
}

describe('random trees', () => {
  it('print to text that parses back to the same tree', () => {
    const generate = treeGenerator(random(4242));
    for (let run = 0; run < 2000; run++) assertRoundTrip(generate(), `tree #${run}`);
  });
});
