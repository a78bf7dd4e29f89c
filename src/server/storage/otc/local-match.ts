/**
 * Vigil's query language evaluated on one line in the BFF: the part of a query LTS cannot express
 * (regexes, networks, numeric comparisons, infix wildcards, parsed fields) runs here on the lines
 * LTS returns, and every returned line is checked again so that LTS's looser reading of a pushed
 * term never lets a non-matching line through. Same meaning as the embedded store: words are runs
 * of letters and digits compared without case or diacritics; fields read labels, then the content.
 */
import type { CompareOp, QueryNode } from '../../../query/ast.ts';
import { ipInCidr, matchesWildcard } from '../../../query/analyze.ts';
import { fieldValue, numericValue } from '../../search/fields.ts';
import { contentGlobMatcher } from '../../search/glob.ts';
import { compileLinearRegex, foldCase, testLinear } from '../../search/linear-regex.ts';

export interface MatchableLine {
  content: string;
  labels: Record<string, string>;
}

/** Content words as the full-text index sees them (unicode61, diacritics removed). */
export function contentWords(text: string): string[] {
  return (text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) as string[];
}

function hasRun(words: readonly string[], wanted: readonly string[]): boolean {
  outer: for (let start = 0; start + wanted.length <= words.length; start++) {
    for (let k = 0; k < wanted.length; k++) if (words[start + k] !== wanted[k]) continue outer;
    return true;
  }
  return false;
}

function compare(left: number, op: CompareOp, right: number): boolean {
  return op === '>' ? left > right : op === '>=' ? left >= right : op === '<' ? left < right : op === '<=' ? left <= right : left === right;
}

type Test = (line: MatchableLine, words: () => string[]) => boolean;

function regexTest(pattern: string, caseInsensitive: boolean): (value: string) => boolean {
  const compiled = compileLinearRegex(pattern, caseInsensitive);
  if (!compiled.ok) throw new Error(compiled.message);
  return (value) => testLinear(compiled, value);
}

function compileNode(node: QueryNode): Test {
  switch (node.kind) {
    case 'all':
      return () => true;
    case 'and': {
      const tests = node.children.map(compileNode);
      return (line, words) => tests.every((test) => test(line, words));
    }
    case 'or': {
      const tests = node.children.map(compileNode);
      return (line, words) => tests.some((test) => test(line, words));
    }
    case 'not': {
      const test = compileNode(node.child);
      return (line, words) => !test(line, words);
    }
    default:
      break;
  }
  if (node.field === null) {
    switch (node.kind) {
      case 'term':
      case 'phrase': {
        const wanted = contentWords(node.value);
        const needle = foldCase(node.value);
        if (wanted.length === 0) return (line) => foldCase(line.content).includes(needle);
        return (_line, words) => hasRun(words(), wanted);
      }
      case 'wildcard': {
        const test = contentGlobMatcher(node.pattern);
        return (line) => test(line.content);
      }
      case 'regex': {
        const test = regexTest(node.pattern, node.caseInsensitive);
        return (line) => test(line.content);
      }
      default:
        throw new Error(`a ${node.kind} needs a field`);
    }
  }
  const field = node.field;
  const read = (line: MatchableLine) => fieldValue(line.labels, line.content, field);
  switch (node.kind) {
    case 'term':
    case 'phrase': {
      const want = foldCase(node.value);
      return (line) => {
        const value = read(line);
        return value !== null && foldCase(value) === want;
      };
    }
    case 'wildcard':
      return (line) => {
        const value = read(line);
        return value !== null && matchesWildcard(node.pattern, value);
      };
    case 'regex': {
      const test = regexTest(node.pattern, node.caseInsensitive);
      return (line) => {
        const value = read(line);
        return value !== null && test(value);
      };
    }
    case 'compare':
      return (line) => {
        const number = numericValue(read(line));
        return number !== null && compare(number, node.op, node.value);
      };
    case 'cidr':
      return (line) => {
        const value = read(line);
        return value !== null && ipInCidr(value.trim(), node.address, node.prefixLength);
      };
  }
}

/** A line matcher for a parsed query (compiled once, run per line). */
export function lineMatcher(ast: QueryNode): (line: MatchableLine) => boolean {
  const test = compileNode(ast);
  return (line) => {
    let words: string[] | null = null;
    return test(line, () => (words ??= contentWords(line.content)));
  };
}
