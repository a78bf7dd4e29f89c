/**
 * Canonical text for a query: `parseQuery(printQuery(ast))` gives back the same tree (spans aside)
 * for every tree the parser produces. Canonical means explicit `AND`, upper-case operators,
 * `NOT` rather than `-`, and parentheses only where precedence needs them.
 *
 * Trees built by hand can hold things no query text expresses; they print as the closest query:
 * a term that cannot be a bare word (`"and"`, `a b`) prints as a phrase, `all` inside a larger
 * query prints as `*`, and a single-child and/or prints as its child.
 */

import type { QueryNode, Span } from './ast.ts';
import { formatNumber, wordNode } from './leaf.ts';
import { escapeSlashes } from './regex.ts';
import { isBareWord } from './tokenize.ts';

type DropSpan<T> = T extends unknown ? Omit<T, 'span'> : never;
type Leaf = Exclude<QueryNode, { kind: 'and' | 'or' | 'not' }>;

/** A query tree without spans, for comparing trees parsed from different text. */
export type BareQueryNode =
  | { kind: 'and' | 'or'; children: BareQueryNode[] }
  | { kind: 'not'; child: BareQueryNode }
  | DropSpan<Leaf>;

export function printQuery(ast: QueryNode): string {
  return ast.kind === 'all' ? '' : printNode(ast);
}

function printNode(node: QueryNode): string {
  switch (node.kind) {
    case 'all':
      return '*';
    case 'and':
      return node.children.map((child) => (isCompound(child) ? `(${printNode(child)})` : printNode(child))).join(' AND ');
    case 'or':
      return node.children.map((child) => (child.kind === 'or' ? `(${printNode(child)})` : printNode(child))).join(' OR ');
    case 'not':
      return `NOT ${node.child.kind === 'and' || node.child.kind === 'or' ? `(${printNode(node.child)})` : printNode(node.child)}`;
    case 'term':
      return printWord(node.field, node.value, 'term');
    case 'wildcard':
      return printWord(node.field, node.pattern, 'wildcard');
    case 'phrase':
      return prefix(node.field) + quote(node.value);
    case 'compare':
      return `${node.field}${node.op}${formatNumber(node.value)}`;
    case 'cidr':
      return `${node.field}:${node.address}/${node.prefixLength}`;
    case 'regex':
      return `${prefix(node.field)}/${escapeSlashes(node.pattern)}/${node.caseInsensitive ? 'i' : ''}`;
  }
}

/** Inside AND, an OR needs parentheses; so does a nested AND, which only hand-built trees have. */
function isCompound(node: QueryNode): boolean {
  return (node.kind === 'and' || node.kind === 'or') && node.children.length > 1;
}

function prefix(field: string | null): string {
  return field === null ? '' : `${field}:`;
}

/** Quoted text; only `"` and `\` need escaping, so the parser's unescaping is its exact inverse. */
function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

function printWord(field: string | null, text: string, kind: 'term' | 'wildcard'): string {
  const bare = isBareWord(text, field === null ? 'content' : 'value') && wordNode(field, text, NO_SPAN);
  if (bare && bare.ok && bare.node.kind === kind) return prefix(field) + text;
  // A term that cannot be written bare is closest to a one-word phrase; a wildcard has no such
  // fallback (quotes make `*` literal), so it is written as is.
  return prefix(field) + (kind === 'term' ? quote(text) : text);
}

const NO_SPAN: Span = { start: 0, end: 0 };

/** The same tree without spans (deep copy), so trees from different texts compare equal with `toEqual`. */
export function stripSpans(ast: QueryNode): BareQueryNode {
  switch (ast.kind) {
    case 'and':
    case 'or':
      return { kind: ast.kind, children: ast.children.map(stripSpans) };
    case 'not':
      return { kind: 'not', child: stripSpans(ast.child) };
    default: {
      const { span: _span, ...rest } = ast;
      return rest;
    }
  }
}
