/**
 * The simulator's reading of LTS search statements (`keywords`), from the LTS search-syntax
 * documentation: content split on the default delimiters, whole-token matching without regard to
 * case, implicit AND, `and`/`&&`, `or`/`||`, `not`, parentheses, `#"phrase"`, `key:value` on
 * labels (`key:"quoted value"`), `*`/`?` inside or at the end of a term, numeric `>`, `>=`, `<`,
 * `<=`, `=` on labels. A leading wildcard is refused as LTS does (LTS.0301).
 */

/** LTS's default delimiters plus space. */
const DELIMITERS = new Set([...`,'";=()[]{}@&<>/:\\?\n\t\r `]);

export function ltsTokens(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  for (const char of text.toLowerCase()) {
    if (DELIMITERS.has(char)) {
      if (current) tokens.push(current);
      current = '';
    } else current += char;
  }
  if (current) tokens.push(current);
  return tokens;
}

export class KeywordError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

type Node =
  | { kind: 'and' | 'or'; children: Node[] }
  | { kind: 'not'; child: Node }
  | { kind: 'term'; text: string }
  | { kind: 'phrase'; tokens: string[] }
  | { kind: 'field'; key: string; op: ':' | '>' | '>=' | '<' | '<=' | '='; value: string };

export interface MatchLine {
  content: string;
  labels: Record<string, string>;
  tokens?: string[];
}

type Lexeme = { type: '(' | ')' | 'and' | 'or' | 'not' } | { type: 'word'; raw: string };

function lex(input: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (c === '(' || c === ')') {
      out.push({ type: c });
      i++;
    } else if (input.startsWith('&&', i)) {
      out.push({ type: 'and' });
      i += 2;
    } else if (input.startsWith('||', i)) {
      out.push({ type: 'or' });
      i += 2;
    } else {
      let raw = '';
      while (i < input.length && !/[\s()]/.test(input[i]!)) {
        if (input[i] === '"') {
          const close = findClose(input, i + 1);
          raw += input.slice(i, close + 1);
          i = close + 1;
        } else raw += input[i++];
      }
      const word = raw.toLowerCase();
      if (word === 'and' || word === 'or' || word === 'not') out.push({ type: word });
      else out.push({ type: 'word', raw });
    }
  }
  return out;
}

function findClose(input: string, from: number): number {
  for (let i = from; i < input.length; i++) {
    if (input[i] === '\\') i++;
    else if (input[i] === '"') return i;
  }
  throw new KeywordError('LTS.0009', 'unbalanced quote in keywords');
}

const unquote = (text: string) => (text.startsWith('"') && text.endsWith('"') && text.length >= 2 ? text.slice(1, -1).replace(/\\"/g, '"') : text);

function wordNode(raw: string): Node {
  if (raw.startsWith('#"')) return { kind: 'phrase', tokens: ltsTokens(unquote(raw.slice(1))) };
  const field = /^("[^"]+"|[A-Za-z_][\w.-]*)(>=|<=|:|>|<|=)(.*)$/s.exec(raw);
  if (field) return { kind: 'field', key: unquote(field[1]!), op: field[2] as ':', value: unquote(field[3]!) };
  const text = unquote(raw);
  if (/^[*?]/.test(text)) throw new KeywordError('LTS.0301', 'Invalid keywords: a term must not start with * or ?');
  return { kind: 'term', text };
}

export function parseKeywords(input: string): Node | null {
  const lexemes = lex(input);
  if (lexemes.length === 0) return null;
  let pos = 0;
  const peek = () => lexemes[pos];
  const parseOr = (): Node => {
    const children = [parseAnd()];
    while (peek()?.type === 'or') {
      pos++;
      children.push(parseAnd());
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  };
  const parseAnd = (): Node => {
    const children = [parseUnary()];
    for (;;) {
      const next = peek();
      if (!next || next.type === ')' || next.type === 'or') break;
      if (next.type === 'and') pos++;
      children.push(parseUnary());
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  };
  const parseUnary = (): Node => {
    const next = lexemes[pos++];
    if (!next) throw new KeywordError('LTS.0009', 'keywords end unexpectedly');
    if (next.type === 'not') return { kind: 'not', child: parseUnary() };
    if (next.type === '(') {
      const inner = parseOr();
      if (lexemes[pos++]?.type !== ')') throw new KeywordError('LTS.0009', 'unbalanced parenthesis in keywords');
      return inner;
    }
    if (next.type === 'word') return wordNode(next.raw);
    throw new KeywordError('LTS.0009', `unexpected "${next.type}" in keywords`);
  };
  const node = parseOr();
  if (pos !== lexemes.length) throw new KeywordError('LTS.0009', 'unexpected text after keywords');
  return node;
}

function globRegex(pattern: string): RegExp {
  const body = [...pattern.toLowerCase()].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.+()[\]{}|/-]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 's');
}

const globs = new Map<string, RegExp>();
function glob(pattern: string): RegExp {
  let regex = globs.get(pattern);
  if (!regex) globs.set(pattern, (regex = globRegex(pattern)));
  return regex;
}

function hasSequence(tokens: readonly string[], wanted: readonly string[]): boolean {
  outer: for (let start = 0; start + wanted.length <= tokens.length; start++) {
    for (let k = 0; k < wanted.length; k++) if (tokens[start + k] !== wanted[k]) continue outer;
    return true;
  }
  return false;
}

function evaluate(node: Node, line: MatchLine): boolean {
  switch (node.kind) {
    case 'and':
      return node.children.every((child) => evaluate(child, line));
    case 'or':
      return node.children.some((child) => evaluate(child, line));
    case 'not':
      return !evaluate(node.child, line);
    case 'phrase':
      return hasSequence((line.tokens ??= ltsTokens(line.content)), node.tokens);
    case 'term': {
      const tokens = (line.tokens ??= ltsTokens(line.content));
      if (/[*?]/.test(node.text)) {
        const regex = glob(node.text);
        return tokens.some((token) => regex.test(token));
      }
      // `var/log` is `var log`: every token of the term must be present.
      return ltsTokens(node.text).every((want) => tokens.includes(want));
    }
    case 'field': {
      const value = line.labels[node.key];
      if (value === undefined) return false;
      if (node.op === ':' || node.op === '=') {
        if (/[*?]/.test(node.value)) return glob(node.value).test(value.toLowerCase());
        const asNumber = Number(node.value);
        if (node.op === '=' && Number.isFinite(asNumber)) return Number(value) === asNumber;
        return value.toLowerCase() === node.value.toLowerCase();
      }
      const left = Number(value);
      const right = Number(node.value);
      if (!Number.isFinite(left) || !Number.isFinite(right)) return false;
      return node.op === '>' ? left > right : node.op === '>=' ? left >= right : node.op === '<' ? left < right : left <= right;
    }
  }
}

/** A matcher for a search statement; an empty statement matches every line. Throws KeywordError. */
export function keywordMatcher(keywords: string): (line: MatchLine) => boolean {
  const node = parseKeywords(keywords);
  return node === null ? () => true : (line) => evaluate(node, line);
}
