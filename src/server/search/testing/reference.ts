/**
 * Test oracle: the meaning of a query evaluated directly in JS on one line, written independently
 * of the SQL compiler (own tokenizer emulating FTS5 unicode61, lookaround instead of consumed
 * anchors, V8's `i` flag instead of folding). Store results must equal what this says.
 * Only field values are read with the production helper (fieldValue), which is the definition.
 */
import type { CompareOp, QueryNode } from '../../../query/ast.ts';
import { ipInCidr, matchesWildcard } from '../../../query/analyze.ts';
import { fieldValue, numericValue } from '../fields.ts';

export interface ReferenceLine {
  content: string;
  labels: Record<string, string>;
}

/** unicode61 with remove_diacritics: letters and digits, diacritics stripped, lower case. */
export function referenceTokens(text: string): string[] {
  return (text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) as string[];
}

function containsSequence(haystack: readonly string[], needle: readonly string[], lastIsPrefix = false): boolean {
  for (let start = 0; start + needle.length <= haystack.length; start++) {
    let all = true;
    for (let index = 0; index < needle.length && all; index++) {
      const token = haystack[start + index]!;
      const want = needle[index]!;
      all = lastIsPrefix && index === needle.length - 1 ? token.startsWith(want) : token === want;
    }
    if (all) return true;
  }
  return false;
}

const TOKEN = '[0-9a-z\\u0080-\\uffff]';

const regexes = new Map<string, RegExp>();
function cached(key: string, build: () => RegExp): RegExp {
  let regex = regexes.get(key);
  if (!regex) regexes.set(key, (regex = build()));
  return regex;
}

/** A content wildcard as a lookaround regex with V8's own case-insensitivity. */
function wildcardRegex(pattern: string): RegExp {
  const glob = pattern.toLowerCase().replace(/\*+/g, '*');
  const isToken = (char: string | undefined) => char === '?' || (char !== undefined && new RegExp(TOKEN).test(char));
  const body = [...glob].map((char) => (char === '*' ? '[\\s\\S]*' : char === '?' ? '[\\s\\S]' : char.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'))).join('');
  const start = glob[0] !== '*' && isToken(glob[0]) ? `(?<!${TOKEN})` : '';
  const end = glob[glob.length - 1] !== '*' && isToken(glob[glob.length - 1]) ? `(?!${TOKEN})` : '';
  return new RegExp(start + body + end);
}

function compare(left: number, op: CompareOp, right: number): boolean {
  return op === '>' ? left > right : op === '>=' ? left >= right : op === '<' ? left < right : op === '<=' ? left <= right : left === right;
}

export function referenceMatches(node: QueryNode, line: ReferenceLine): boolean {
  switch (node.kind) {
    case 'all':
      return true;
    case 'and':
      return node.children.every((child) => referenceMatches(child, line));
    case 'or':
      return node.children.some((child) => referenceMatches(child, line));
    case 'not':
      return !referenceMatches(node.child, line);
    default:
      break;
  }
  if (node.field === null) {
    switch (node.kind) {
      case 'term':
      case 'phrase': {
        const wanted = referenceTokens(node.value);
        if (wanted.length === 0) return line.content.toLowerCase().includes(node.value.toLowerCase());
        return containsSequence(referenceTokens(line.content), wanted);
      }
      case 'wildcard':
        return cached(`w${node.pattern}`, () => wildcardRegex(node.pattern)).test(line.content.toLowerCase());
      case 'regex':
        return cached(`r${node.caseInsensitive}${node.pattern}`, () => new RegExp(node.pattern, node.caseInsensitive ? 'i' : '')).test(line.content);
      default:
        throw new Error(`content ${node.kind} is not a thing`);
    }
  }
  const value = fieldValue(line.labels, line.content, node.field);
  if (value === null) return false;
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return value.toLowerCase() === node.value.toLowerCase();
    case 'wildcard':
      return matchesWildcard(node.pattern, value);
    case 'regex':
      return cached(`r${node.caseInsensitive}${node.pattern}`, () => new RegExp(node.pattern, node.caseInsensitive ? 'i' : '')).test(value);
    case 'compare': {
      const number = numericValue(value);
      return number !== null && compare(number, node.op, node.value);
    }
    case 'cidr':
      return ipInCidr(value.trim(), node.address, node.prefixLength);
  }
}
