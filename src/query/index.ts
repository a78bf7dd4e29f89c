/**
 * The log query language: parse user text into a `QueryNode` tree (never throwing; errors carry a
 * position to underline), print a tree back as canonical text, classify text for highlighting,
 * and the helpers storage compilers share (wildcard globbing, CIDR membership, field lists).
 */

export { QUERY_LIMITS } from './ast.ts';
export type { CompareOp, Field, ParseResult, QueryError, QueryNode, Span } from './ast.ts';
export { parseQuery } from './parse.ts';
export { printQuery, stripSpans, type BareQueryNode } from './print.ts';
export { tokenize, type Token } from './tokenize.ts';
export { highlightTokens, type HighlightKind, type HighlightToken } from './highlight.ts';
export {
  ipInCidr,
  isMatchAll,
  matchesWildcard,
  parseIpAddress,
  positiveTerms,
  queryFields,
  walkQuery,
  type PositiveTerm,
} from './analyze.ts';
