/**
 * Recursive-descent parser for the log query language.
 *
 *   query   := orExpr?                         (empty or blank → { kind: 'all' })
 *   orExpr  := andExpr ( OR andExpr )*
 *   andExpr := unary ( AND? unary )*           (juxtaposition is AND)
 *   unary   := ( NOT | '-' ) unary | primary   ('-' must touch its operand: -debug)
 *   primary := '(' orExpr ')' | word | "phrase" | /regex/i | field value
 *   field   := name ':' (word | "phrase" | /regex/ | cidr) | name op number | name ':' op number
 *
 * Operator words are case-insensitive. Nested and/or of the same kind are flattened, so
 * `a (b c)` and `a b c` give the same tree. The parser never throws: every problem, including an
 * unforeseen internal one, comes back as `{ ok: false, error: { message, position, length } }`.
 * Terms keep the case they were written in; see `wordNode` for why.
 */

import { QUERY_LIMITS, type ParseResult, type QueryError, type QueryNode, type Span } from './ast.ts';
import { parseNumber, wordNode } from './leaf.ts';
import { checkRegex } from './regex.ts';
import { excerpt, tokenize, type Token } from './tokenize.ts';

/** Thrown inside the parser only, to unwind to `parseQuery` with the first error. */
class ParseFailure {
  readonly error: QueryError;
  constructor(error: QueryError) {
    this.error = error;
  }
}

type FieldToken = Extract<Token, { kind: 'field' }>;
type RegexToken = Extract<Token, { kind: 'regex' }>;

const STARTS_OPERAND = new Set<Token['kind']>(['word', 'phrase', 'regex', 'field', 'lparen', 'not', 'minus', 'error']);
/** What may directly follow `field:` as its value (errors included, so they get reported). */
const VALUE_KINDS = new Set<Token['kind']>(['word', 'phrase', 'regex', 'error']);
const NESTING = `query nested too deeply (limit ${QUERY_LIMITS.maxDepth} levels of parentheses and NOT)`;

export function parseQuery(input: string): ParseResult {
  if (typeof input !== 'string') return { ok: false, error: { message: 'the query must be text', position: 0, length: 1 } };
  if (input.length > QUERY_LIMITS.maxQueryLength) {
    const message = `query too long (${input.length} characters, limit ${QUERY_LIMITS.maxQueryLength})`;
    return { ok: false, error: { message, position: QUERY_LIMITS.maxQueryLength, length: input.length - QUERY_LIMITS.maxQueryLength } };
  }
  try {
    return { ok: true, ast: new Parser(input).parse() };
  } catch (caught) {
    if (caught instanceof ParseFailure) return { ok: false, error: caught.error };
    // A bug must not take the search box down with it; say so and point at the start.
    const detail = caught instanceof Error ? caught.message : String(caught);
    return { ok: false, error: { message: `could not read the query (internal error: ${detail})`, position: 0, length: Math.max(1, input.length) } };
  }
}

class Parser {
  private readonly input: string;
  private readonly tokens: Token[];
  private index = 0;
  /** End of the last consumed token: where the node being built ends. */
  private lastEnd = 0;
  private termCount = 0;

  constructor(input: string) {
    this.input = input;
    this.tokens = tokenize(input);
  }

  parse(): QueryNode {
    if (this.tokens.length === 0) return { kind: 'all', span: { start: 0, end: this.input.length } };
    const ast = this.parseOr(0);
    const extra = this.peek();
    if (extra) this.fail(extra.kind === 'rparen' ? 'unexpected ")": there is no "(" to close' : `unexpected "${this.text(extra)}"`, extra);
    return ast;
  }

  private parseOr(depth: number): QueryNode {
    const start = this.peekStart();
    const children = [this.parseAnd(depth)];
    for (let token = this.peek(); token?.kind === 'or'; token = this.peek()) {
      this.advance();
      this.expectOperand(token);
      children.push(this.parseAnd(depth));
    }
    return this.combine('or', children, start);
  }

  private parseAnd(depth: number): QueryNode {
    const start = this.peekStart();
    const children = [this.parseUnary(depth)];
    for (let token = this.peek(); token; token = this.peek()) {
      if (token.kind === 'and') {
        this.advance();
        this.expectOperand(token);
      } else if (!STARTS_OPERAND.has(token.kind)) {
        break;
      }
      children.push(this.parseUnary(depth));
    }
    return this.combine('and', children, start);
  }

  private parseUnary(depth: number): QueryNode {
    const token = this.peek();
    if (token?.kind !== 'not' && token?.kind !== 'minus') return this.parsePrimary(depth);
    if (depth >= QUERY_LIMITS.maxDepth) this.fail(NESTING, token);
    this.advance();
    if (token.kind === 'minus') {
      const next = this.peek();
      if (!next || next.start !== token.end || !STARTS_OPERAND.has(next.kind)) {
        this.fail('expected a term right after "-" (no space between, e.g. -debug)', token);
      }
    } else {
      this.expectOperand(token);
    }
    const child = this.parseUnary(depth + 1);
    return { kind: 'not', child, span: { start: token.start, end: this.lastEnd } };
  }

  private parsePrimary(depth: number): QueryNode {
    const token = this.peek();
    if (!token) return this.fail('expected a term', { start: this.input.length, end: this.input.length });
    switch (token.kind) {
      case 'lparen':
        return this.parseGroup(token, depth);
      case 'rparen':
        return this.fail('unexpected ")": there is no "(" to close', token);
      case 'and':
      case 'or':
        return this.fail(`expected a term before "${this.text(token)}"`, token);
      case 'error':
        return this.fail(token.message, token);
      case 'word':
        this.advance();
        return this.wordLeaf(null, token.text, token);
      case 'phrase':
        this.advance();
        return this.phraseLeaf(null, token.value, token);
      case 'regex':
        this.advance();
        return this.regexLeaf(null, token, token);
      case 'field':
        this.advance();
        return this.fieldLeaf(token);
      default:
        return this.fail(`unexpected "${this.text(token)}"`, token);
    }
  }

  private parseGroup(open: Token, depth: number): QueryNode {
    if (depth >= QUERY_LIMITS.maxDepth) this.fail(NESTING, open);
    this.advance();
    const first = this.peek();
    if (!first) this.fail('missing closing parenthesis: this "(" is never closed', open);
    if (first?.kind === 'rparen') this.fail('empty parentheses: put a term between them', { start: open.start, end: first.end });
    const inner = this.parseOr(depth + 1);
    const close = this.peek();
    if (close?.kind !== 'rparen') return this.fail('missing closing parenthesis: this "(" is never closed', open);
    this.advance();
    // The group's parentheses belong to a compound node's span; a lone leaf keeps its own.
    if (inner.kind === 'and' || inner.kind === 'or' || inner.kind === 'not') inner.span = { start: open.start, end: close.end };
    return inner;
  }

  private fieldLeaf(field: FieldToken): QueryNode {
    const label = this.text(field);
    const value = this.peek();
    const hasValue = value && value.start === field.end && VALUE_KINDS.has(value.kind);
    if (!value || !hasValue) {
      const spaced = value !== undefined && value.start > field.end && /\s/.test(this.input[field.end] ?? '');
      return this.fail(`expected a value after "${label}"${spaced ? ' (no space between a field and its value)' : ''}`, field);
    }
    this.advance();
    if (value.kind === 'error') return this.fail(value.message, value);
    const span = { start: field.start, end: value.end };

    if (field.op !== ':') {
      const number = value.kind === 'word' ? parseNumber(value.text) : null;
      if (number === null) {
        const written = this.text(value);
        if (value.kind === 'word' && /^-?\d+(\.\d+)?$/.test(value.text)) return this.fail(`number too large: ${written}`, value);
        const hint = field.op === '=' && value.kind === 'word' ? ` (to match text write ${field.name}:${written})` : '';
        return this.fail(`expected a number after "${label}", found "${written}"${hint}`, value);
      }
      return this.count({ kind: 'compare', field: field.name, op: field.op, value: number, span });
    }
    if (value.kind === 'phrase') return this.phraseLeaf(field.name, value.value, span);
    if (value.kind === 'regex') return this.regexLeaf(field.name, value, span);
    if (value.kind === 'word') return this.wordLeaf(field.name, value.text, span, value);
    return this.fail(`unexpected "${this.text(value)}" after "${label}"`, value);
  }

  private wordLeaf(field: string | null, text: string, span: Span, valueSpan: Span = span): QueryNode {
    const result = wordNode(field, text, { start: valueSpan.start, end: valueSpan.end });
    if (!result.ok) throw new ParseFailure(result.error);
    result.node.span = { start: span.start, end: span.end };
    return this.count(result.node);
  }

  private phraseLeaf(field: string | null, value: string, span: Span): QueryNode {
    if (value.trim() === '') {
      const hint = field === null ? '' : ` (to find lines without ${field}, write NOT ${field}:*)`;
      this.fail(`empty quotes: there is nothing to search for${hint}`, span);
    }
    return this.count({ kind: 'phrase', field, value, span: { start: span.start, end: span.end } });
  }

  private regexLeaf(field: string | null, token: RegexToken, span: Span): QueryNode {
    const result = checkRegex(token);
    if (!result.ok) throw new ParseFailure(result.error);
    const { pattern, caseInsensitive } = result;
    return this.count({ kind: 'regex', field, pattern, caseInsensitive, span: { start: span.start, end: span.end } });
  }

  /** Leaves are what a query costs to run; each one counts toward `maxTerms`. */
  private count(node: QueryNode): QueryNode {
    this.termCount++;
    if (this.termCount > QUERY_LIMITS.maxTerms) this.fail(`too many terms (limit ${QUERY_LIMITS.maxTerms})`, node.span);
    return node;
  }

  private combine(kind: 'and' | 'or', children: QueryNode[], start: number): QueryNode {
    if (children.length === 1) return children[0]!;
    const flat = children.flatMap((child) => (child.kind === kind ? child.children : [child]));
    return { kind, children: flat, span: { start, end: this.lastEnd } };
  }

  /** After AND, OR or NOT: the next token must start an operand. */
  private expectOperand(operator: Token): void {
    const next = this.peek();
    if (next && STARTS_OPERAND.has(next.kind)) return;
    const name = `"${this.text(operator)}"`;
    if (!next) this.fail(`expected a term after ${name}`, operator);
    else this.fail(`expected a term after ${name}, found "${this.text(next)}"`, next);
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private peekStart(): number {
    return this.peek()?.start ?? this.input.length;
  }

  private advance(): void {
    const token = this.tokens[this.index++];
    if (token) this.lastEnd = token.end;
  }

  /** The input under `span`, shortened for quoting in a message. */
  private text(span: Span): string {
    return excerpt(this.input.slice(span.start, span.end));
  }

  private fail(message: string, span: Span): never {
    throw new ParseFailure({ message, position: span.start, length: Math.max(1, span.end - span.start) });
  }
}
