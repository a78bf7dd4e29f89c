/**
 * Query trees for search tests: a pool of leaves covering every kind of node and field the
 * compiler distinguishes, and random AND / OR / NOT combinations of them.
 */
import type { QueryNode } from '../../../query/ast.ts';
import { rng } from './corpus.ts';

const SPAN = { start: 0, end: 0 };

const term = (value: string, field: string | null = null): QueryNode => ({ kind: 'term', field, value, span: SPAN });
const phrase = (value: string, field: string | null = null): QueryNode => ({ kind: 'phrase', field, value, span: SPAN });
const wildcard = (pattern: string, field: string | null = null): QueryNode => ({ kind: 'wildcard', field, pattern, span: SPAN });
const regex = (pattern: string, caseInsensitive = false, field: string | null = null): QueryNode => ({ kind: 'regex', field, pattern, caseInsensitive, span: SPAN });

export const LEAVES: readonly QueryNode[] = [
  // Content words and phrases: the index answers these.
  term('failed'), term('PASSWORD'), term('admin'), term('GET'), term('timeout'), term('cafe'), term('café'), term('root'),
  term('10'), term('nonexistentword'), term('über'), term('wp-login.php'), term('->'),
  phrase('Failed password'), phrase('connection refused'), phrase('invalid user'), phrase('for root'), phrase('10.0.1.11'),
  // Wildcards: prefixes go to the index, the rest are scanned.
  wildcard('admin*'), wildcard('ADM*'), wildcard('*dmin*'), wildcard('*.php'), wildcard('fail*word'), wildcard('acc?pted'),
  wildcard('10.1.*'), wildcard('*out'), wildcard('caf*'), wildcard('*ission*'), wildcard('*ss?2'),
  // Regexes, with and without case-insensitivity.
  regex('admin\\d+'), regex('fail(ed|ure)', true), regex('^\\{'), regex('[A-Z]{4,}'), regex('password', true), regex('DPT=(22|3389)\\b'),
  // Fields: columns, labels JSON, values read from the content.
  term('ERROR', 'level'), term('warn', 'level'), term('web-1', 'hostName'), term('web-1', 'hostname'), term('nginx', 'appName'),
  term('p1', 'pod'), term('POST', 'method'), term('root', 'USER'), term('503', 'status'), term('jonas', 'user'), phrase('Connection refused', 'msg'),
  wildcard('web-*', 'hostName'), wildcard('checkout-?', 'pod'), wildcard('*.php', 'path'),
  { kind: 'compare', field: 'status', op: '>=', value: 500, span: SPAN },
  { kind: 'compare', field: 'status', op: '<', value: 300, span: SPAN },
  { kind: 'compare', field: 'latency_ms', op: '>', value: 700, span: SPAN },
  { kind: 'compare', field: 'rt', op: '<=', value: 0.25, span: SPAN },
  { kind: 'compare', field: 'bytes', op: '=', value: 0, span: SPAN },
  { kind: 'cidr', field: 'hostIP', address: '10.0.0.0', prefixLength: 8, span: SPAN },
  { kind: 'cidr', field: 'hostIP', address: '192.168.1.0', prefixLength: 24, span: SPAN },
  { kind: 'cidr', field: 'hostIP', address: '2001:db8::', prefixLength: 32, span: SPAN },
  { kind: 'cidr', field: 'client', address: '10.1.0.0', prefixLength: 16, span: SPAN },
  { kind: 'cidr', field: 'SRC', address: '10.2.0.0', prefixLength: 16, span: SPAN },
  regex('web-\\d', false, 'hostName'), regex('^CHECKOUT', true, 'appName'),
];

/** A random tree of up to `depth` levels over the leaf pool. */
export function randomQuery(random: () => number, depth: number): QueryNode {
  const leaf = () => LEAVES[Math.floor(random() * LEAVES.length)]!;
  if (depth === 0 || random() < 0.3) return random() < 0.15 ? { kind: 'not', child: leaf(), span: SPAN } : leaf();
  const roll = random();
  if (roll < 0.15) return { kind: 'not', child: randomQuery(random, depth - 1), span: SPAN };
  const kind = roll < 0.6 ? 'and' : 'or';
  const count = 2 + Math.floor(random() * 2);
  const children = Array.from({ length: count }, () => randomQuery(random, depth - 1));
  return { kind, children, span: SPAN };
}

export function randomQueries(count: number, seed: number): QueryNode[] {
  const random = rng(seed);
  return Array.from({ length: count }, () => randomQuery(random, 3));
}
