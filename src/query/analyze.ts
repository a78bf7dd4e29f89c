/**
 * Small questions about a parsed query that compilers and the UI both ask.
 */

import type { Field, QueryNode } from './ast.ts';

export { matchesWildcard } from './wildcard.ts';
export { ipInCidr, parseIpAddress } from './ip.ts';

/** A text the user is looking for, to highlight where it matched in result lines. */
export interface PositiveTerm {
  field: Field;
  kind: 'term' | 'phrase' | 'wildcard';
  /** The term's or phrase's value, or the wildcard's pattern, as written. */
  value: string;
}

/** Calls `visit` on every node, parents before children, with whether it sits under a NOT. */
export function walkQuery(ast: QueryNode, visit: (node: QueryNode, negated: boolean) => void, negated = false): void {
  visit(ast, negated);
  if (ast.kind === 'and' || ast.kind === 'or') for (const child of ast.children) walkQuery(child, visit, negated);
  else if (ast.kind === 'not') walkQuery(ast.child, visit, !negated);
}

/** Field names the query refers to (labels and parsed fields), once each, in order of appearance. */
export function queryFields(ast: QueryNode): string[] {
  const fields = new Set<string>();
  walkQuery(ast, (node) => {
    if ('field' in node && node.field !== null) fields.add(node.field);
  });
  return [...fields];
}

/** Whether the query selects every line: the empty query, or one built only from it. */
export function isMatchAll(ast: QueryNode): boolean {
  switch (ast.kind) {
    case 'all':
      return true;
    case 'and':
      return ast.children.every(isMatchAll);
    case 'or':
      return ast.children.some(isMatchAll);
    default:
      return false;
  }
}

/**
 * Terms, phrases and wildcards a matching line contains. Anything under a NOT is left out: it
 * cannot be in the result (and under NOT NOT it is dropped too, which only costs a highlight).
 * Regexes are left out as well; the UI can run them itself. Duplicates are reported once.
 */
export function positiveTerms(ast: QueryNode): PositiveTerm[] {
  const seen = new Set<string>();
  const terms: PositiveTerm[] = [];
  const collect = (node: QueryNode): void => {
    if (node.kind === 'and' || node.kind === 'or') {
      node.children.forEach(collect);
      return;
    }
    if (node.kind !== 'term' && node.kind !== 'phrase' && node.kind !== 'wildcard') return;
    const value = node.kind === 'wildcard' ? node.pattern : node.value;
    const key = JSON.stringify([node.field, node.kind, value]);
    if (seen.has(key)) return;
    seen.add(key);
    terms.push({ field: node.field, kind: node.kind, value });
  };
  collect(ast);
  return terms;
}
