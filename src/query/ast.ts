/**
 * The log query language's syntax tree, shared by the SPA (validation, highlighting) and the BFF
 * (one compiler per storage adapter). Every node knows the span of input it came from.
 */

/** Half-open character range [start, end) in the query text. */
export interface Span {
  start: number;
  end: number;
}

/** `null` field: the line's content (full text). Otherwise a label or parsed field (level, hostName, status…). */
export type Field = string | null;

export type QueryNode =
  /** The empty query: every line. */
  | { kind: 'all'; span: Span }
  | { kind: 'and'; children: QueryNode[]; span: Span }
  | { kind: 'or'; children: QueryNode[]; span: Span }
  | { kind: 'not'; child: QueryNode; span: Span }
  /** A word, matched case-insensitively as a whole token (`error`, `level:error`). */
  | { kind: 'term'; field: Field; value: string; span: Span }
  /** Words in this order (`"Failed password"`, `user:"John Doe"`). */
  | { kind: 'phrase'; field: Field; value: string; span: Span }
  /** `*` (any run) and `?` (one character) in a word: `admin*` (prefix) or `*admin*` (infix). */
  | { kind: 'wildcard'; field: Field; pattern: string; span: Span }
  /** Numeric comparison on a field: `status>=500`, `latency_ms>1000`, `status=404`. */
  | { kind: 'compare'; field: string; op: CompareOp; value: number; span: Span }
  /** IP address in a network: `hostIP:10.0.0.0/8` (IPv4 or IPv6). */
  | { kind: 'cidr'; field: string; address: string; prefixLength: number; span: Span }
  /** `/regex/` on the content or `field:/regex/`, run by a linear-time engine. `i` flag only. */
  | { kind: 'regex'; field: Field; pattern: string; caseInsensitive: boolean; span: Span };

export type CompareOp = '>' | '>=' | '<' | '<=' | '=';

export interface QueryError {
  message: string;
  /** Character offset where the problem is. */
  position: number;
  /** How many characters to underline (at least 1). */
  length: number;
}

export type ParseResult = { ok: true; ast: QueryNode } | { ok: false; error: QueryError };

/** Bounds that keep a query cheap to run. */
export const QUERY_LIMITS = {
  maxQueryLength: 2_000,
  maxRegexLength: 256,
  maxTerms: 64,
  maxDepth: 16,
} as const;
