/**
 * Turns a bare word into a term, a wildcard or (for a field value shaped like `address/prefix`)
 * a CIDR network, and reads comparison numbers. Shared by the parser and the printer so that
 * "what a word means" is decided in exactly one place.
 */

import type { Field, QueryError, QueryNode, Span } from './ast.ts';
import { parseIPv4, parseIPv6 } from './ip.ts';
import { excerpt } from './tokenize.ts';

type WordNode = Extract<QueryNode, { kind: 'term' | 'wildcard' | 'cidr' }>;
export type WordResult = { ok: true; node: WordNode } | { ok: false; error: QueryError };

const IPV4_SHAPE = /^\d+(\.\d+){3}$/;
const IPV6_SHAPE = /^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

function fail(message: string, span: Span): WordResult {
  return { ok: false, error: { message, position: span.start, length: Math.max(1, span.end - span.start) } };
}

/**
 * A CIDR value is only recognised when the part before `/` is shaped like an address (a dotted
 * quad, or hex with at least two colons), so paths like `pathFile:var/log` stay plain terms while a
 * mistyped network (`10.0.0.300/8`) is reported instead of silently searched as text.
 */
function readCidr(field: string, text: string, span: Span): WordResult | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const address = text.slice(0, slash);
  const prefix = text.slice(slash + 1);
  const isV4 = IPV4_SHAPE.test(address);
  if (!isV4 && !IPV6_SHAPE.test(address)) return null;

  const family = isV4 ? 'IPv4' : 'IPv6';
  const bytes = isV4 ? parseIPv4(address) : parseIPv6(address);
  const addressSpan = { start: span.start, end: span.start + slash };
  if (!bytes) {
    const hint = isV4 && /(^|\.)0\d/.test(address) ? ' (write parts without leading zeros)' : '';
    return fail(`invalid ${family} address "${excerpt(address)}" in network ${excerpt(text)}${hint}`, addressSpan);
  }
  const maxPrefix = bytes.length * 8;
  const prefixSpan = { start: span.start + slash + 1, end: span.end };
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > maxPrefix) {
    return fail(`invalid prefix length "/${excerpt(prefix)}": ${family} networks take /0 to /${maxPrefix}`, prefix ? prefixSpan : addressSpan);
  }
  return { ok: true, node: { kind: 'cidr', field, address, prefixLength: Number(prefix), span } };
}

/**
 * A word between terms (`field` null) or a field's value. Words keep their case as written: matching
 * is case-insensitive, and each compiler folds case the way its store needs (SQL `lower()`, an FTS
 * tokenizer, the LTS API), so the AST does not pretend to know the store's folding rules.
 */
export function wordNode(field: Field, text: string, span: Span): WordResult {
  if (text.includes('*') || text.includes('?')) return { ok: true, node: { kind: 'wildcard', field, pattern: text, span } };
  if (field !== null) {
    const cidr = readCidr(field, text, span);
    if (cidr) return cidr;
  }
  return { ok: true, node: { kind: 'term', field, value: text, span } };
}

/** Integers and decimals, optionally negative (`500`, `0.25`, `-3`); null for anything else. */
export function parseNumber(text: string): number | null {
  if (!NUMBER.test(text)) return null;
  const value = Number(text);
  if (!Number.isFinite(value)) return null;
  return value === 0 ? 0 : value; // "-0" would not survive printing, and means 0 anyway
}

/**
 * Decimal text for a number, without exponent notation (`1e21` → `1000000000000000000000`), so
 * that printed comparisons parse back to the same value. Expands JavaScript's shortest
 * round-trip representation digit by digit, which keeps the value exact.
 */
export function formatNumber(value: number): string {
  const text = String(value);
  const exponentAt = text.indexOf('e');
  if (!Number.isFinite(value) || exponentAt < 0) return text;
  const negative = text.startsWith('-');
  const mantissa = text.slice(negative ? 1 : 0, exponentAt);
  const exponent = Number(text.slice(exponentAt + 1));
  const [whole = '', fraction = ''] = mantissa.split('.');
  const digits = whole + fraction;
  const point = whole.length + exponent;
  let plain: string;
  if (point <= 0) plain = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) plain = digits + '0'.repeat(point - digits.length);
  else plain = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (negative ? '-' : '') + plain;
}
