/**
 * Which searches are "heavy": those the word index cannot narrow down, so the store examines
 * every line of the window one by one (regexes, wildcards inside words, field comparisons, a
 * level or label alone). Their cost grows with the window, not with the matches: over a year of
 * logs they run until their time budget. Heavy reads are the ones counted against a user's limit
 * and against the store's budget of concurrent scans. A query with at least one indexed word
 * among its top-level AND parts is light: only that word's lines are examined further.
 */
import type { QueryNode } from '../../query/ast.ts';
import { ftsPrefixOf } from './glob.ts';

function hasTokens(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** Whether the word index alone yields a superset of the node's matches. */
function indexed(node: QueryNode): boolean {
  switch (node.kind) {
    case 'term':
    case 'phrase':
      return node.field === null && hasTokens(node.value);
    case 'wildcard':
      return node.field === null && ftsPrefixOf(node.pattern) !== null;
    case 'and':
      return node.children.some(indexed);
    case 'or':
      return node.children.every(indexed);
    default:
      return false;
  }
}

export function isHeavyQuery(query: QueryNode): boolean {
  if (query.kind === 'all') return false;
  return !indexed(query);
}
