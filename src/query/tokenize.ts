/**
 * Lexer for the query language. It never fails: text it cannot make sense of becomes an `error`
 * token carrying a message, so the parser can report the first one and the highlighter can still
 * colour the whole input.
 *
 * Two modes. Between terms ("content"), a word ends at whitespace, parentheses, a quote or one of
 * `: < > =`; a word made of field-name characters followed by one of those becomes a `field` token
 * (`status:`, `status>=`, `status:>=`). Right after a field the value is lexed in "value" mode,
 * where only whitespace, parentheses and quotes end a word, so values like `2001:db8::/32`,
 * `http://x/y?a=b` or `-5` stay whole.
 */

import type { CompareOp } from './ast.ts';

interface Spanned {
  start: number;
  end: number;
}

export type FieldOp = ':' | CompareOp;

export type Token =
  /** A bare word, as written (no escapes exist outside quotes). */
  | (Spanned & { kind: 'word'; text: string })
  /** Quoted text with `\"` and `\\` unescaped; any other backslash is kept as written. */
  | (Spanned & { kind: 'phrase'; value: string })
  /** `/raw/flags`; `raw` is the text between the slashes exactly as typed (escapes intact). */
  | (Spanned & { kind: 'regex'; raw: string; flags: string; flagsStart: number })
  /** `name:` or `name>=` or `name:>=`; the value, if any, is the next token, starting at `end`. */
  | (Spanned & { kind: 'field'; name: string; op: FieldOp })
  | (Spanned & { kind: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'minus' })
  | (Spanned & { kind: 'error'; message: string });

/** Echoes user text in a message, cut short so a pasted blob does not flood the error line. */
export function excerpt(text: string, max = 40): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const OPERATOR_WORDS = new Map<string, 'and' | 'or' | 'not'>([
  ['and', 'and'],
  ['or', 'or'],
  ['not', 'not'],
]);

const isSpace = (char: string): boolean => /\s/.test(char);
const endsContentWord = (char: string): boolean => /[\s()":<>=]/.test(char);
const endsValueWord = (char: string): boolean => /[\s()"]/.test(char);

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < input.length) {
    if (isSpace(input[index]!)) index++;
    else index = lexContent(input, index, tokens);
  }
  return tokens;
}

/** Lexes one token (or a field and its value) starting at `start`; returns where lexing continues. */
function lexContent(input: string, start: number, tokens: Token[]): number {
  const char = input[start]!;
  switch (char) {
    case '(':
      tokens.push({ kind: 'lparen', start, end: start + 1 });
      return start + 1;
    case ')':
      tokens.push({ kind: 'rparen', start, end: start + 1 });
      return start + 1;
    case '"':
      return lexPhrase(input, start, tokens);
    case '/':
      return lexRegex(input, start, tokens);
    case '-':
      tokens.push({ kind: 'minus', start, end: start + 1 });
      return start + 1;
  }
  if (':<>='.includes(char)) {
    let end = start + 1;
    while (end < input.length && ':<>='.includes(input[end]!)) end++;
    const message =
      char === ':'
        ? 'unexpected ":": a field name must come right before it (quote text that contains ":")'
        : `unexpected "${input.slice(start, end)}": a comparison needs a field before it, e.g. status>=500`;
    tokens.push({ kind: 'error', start, end, message });
    return end;
  }

  let end = start;
  while (end < input.length && !endsContentWord(input[end]!)) end++;
  const text = input.slice(start, end);
  if (end < input.length && ':<>='.includes(input[end]!)) return lexField(input, start, end, tokens);

  const operator = OPERATOR_WORDS.get(text.toLowerCase());
  if (operator) tokens.push({ kind: operator, start, end });
  else if (text === '&&' || text === '||')
    tokens.push({ kind: 'error', start, end, message: `use ${text === '&&' ? 'AND' : 'OR'} instead of "${text}"` });
  else tokens.push({ kind: 'word', start, end, text });
  return end;
}

/** `name` spans [start, nameEnd) and is followed by `:`, `<`, `>` or `=`. */
function lexField(input: string, start: number, nameEnd: number, tokens: Token[]): number {
  const name = input.slice(start, nameEnd);
  let op: FieldOp = ':';
  let end = nameEnd;
  if (input[end] === ':') end++;
  const compare = readCompareOp(input, end);
  if (compare) {
    op = compare;
    end += compare.length;
  }
  if (FIELD_NAME.test(name)) {
    tokens.push({ kind: 'field', start, end, name, op });
  } else {
    const message = `invalid field name "${excerpt(name)}": field names start with a letter and contain only letters, digits, _ . - (quote text that contains "${input[nameEnd]}")`;
    tokens.push({ kind: 'error', start, end, message });
  }
  return lexValue(input, end, tokens);
}

function readCompareOp(input: string, at: number): CompareOp | null {
  const char = input[at];
  if (char === '=') return '=';
  if (char !== '<' && char !== '>') return null;
  return input[at + 1] === '=' ? (`${char}=` as CompareOp) : char;
}

/** A field's value starts right at `start`; when whitespace or a parenthesis is there, there is none. */
function lexValue(input: string, start: number, tokens: Token[]): number {
  if (start >= input.length) return start;
  const char = input[start]!;
  if (char === '"') return lexPhrase(input, start, tokens);
  if (char === '/') return lexRegex(input, start, tokens);
  if (endsValueWord(char)) return start;
  let end = start;
  while (end < input.length && !endsValueWord(input[end]!)) end++;
  tokens.push({ kind: 'word', start, end, text: input.slice(start, end) });
  return end;
}

function lexPhrase(input: string, start: number, tokens: Token[]): number {
  let value = '';
  for (let index = start + 1; index < input.length; index++) {
    const char = input[index]!;
    if (char === '"') {
      tokens.push({ kind: 'phrase', start, end: index + 1, value });
      return index + 1;
    }
    const next = input[index + 1];
    if (char === '\\' && (next === '"' || next === '\\')) {
      value += next;
      index++;
    } else {
      value += char;
    }
  }
  tokens.push({ kind: 'error', start, end: input.length, message: 'unclosed quote: add a closing "' });
  return input.length;
}

/** A `/` inside a character class (`[/]`) does not end the regex, as in JavaScript literals. */
function lexRegex(input: string, start: number, tokens: Token[]): number {
  let inClass = false;
  let index = start + 1;
  for (; index < input.length; index++) {
    const char = input[index]!;
    if (char === '\\') index++;
    else if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    else if (char === '/' && !inClass) break;
  }
  if (index >= input.length) {
    tokens.push({ kind: 'error', start, end: input.length, message: 'unclosed regex: add a closing "/"' });
    return input.length;
  }
  const flagsStart = index + 1;
  let end = flagsStart;
  while (end < input.length && !endsContentWord(input[end]!)) end++;
  tokens.push({ kind: 'regex', start, end, raw: input.slice(start + 1, index), flags: input.slice(flagsStart, end), flagsStart });
  return end;
}

/**
 * Whether `text` lexes back as exactly one bare word: between terms (`content`) or as a field's
 * value (`value`). The printer uses this to decide whether a term can be written unquoted.
 */
export function isBareWord(text: string, mode: 'content' | 'value'): boolean {
  if (text.length === 0) return false;
  if (mode === 'value') return !/[\s()"]/.test(text) && !/^[/<>=]/.test(text);
  return (
    !/[\s()":<>=]/.test(text) &&
    !/^[-/]/.test(text) &&
    !OPERATOR_WORDS.has(text.toLowerCase()) &&
    text !== '&&' &&
    text !== '||'
  );
}
