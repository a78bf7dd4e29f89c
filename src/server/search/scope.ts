/**
 * Turning the search endpoints' input into a SearchScope, with a clear 400 for each way it can be
 * wrong: a query that does not parse or cannot run (details carry the position to underline), a
 * window that is inverted or longer than the limit, a group or stream that does not exist.
 */
import { LOG_SEARCH_LIMITS, type LogGroup } from '../../contract/index.ts';
import type { QueryError, QueryNode } from '../../query/ast.ts';
import { parseQuery, walkQuery } from '../../query/index.ts';
import { HttpError } from '../http/http-error.ts';
import { canonicalField, FIELD_NAME } from './fields.ts';
import { compileLinearRegex } from './linear-regex.ts';

const DAY_MS = 86_400_000;

function queryError(error: QueryError): HttpError {
  return new HttpError('validation_failed', `invalid query: ${error.message}`, { query: error });
}

/** Problems the parser cannot know about: what this server's engines refuse to run. */
export function runProblem(ast: QueryNode): QueryError | null {
  let problem: QueryError | null = null;
  walkQuery(ast, (node) => {
    if (problem) return;
    const at = { position: node.span.start, length: Math.max(1, node.span.end - node.span.start) };
    if ('field' in node && node.field !== null && !FIELD_NAME.test(canonicalField(node.field))) {
      problem = { message: `field name "${node.field}" cannot be searched`, ...at };
    } else if (node.kind === 'regex') {
      const compiled = compileLinearRegex(node.pattern, node.caseInsensitive);
      if (!compiled.ok) problem = { message: compiled.message, ...at };
    }
  });
  return problem;
}

/** The parsed query, or a 400 whose details say where it went wrong. */
export function parseSearchQuery(q: string): QueryNode {
  const parsed = parseQuery(q);
  if (!parsed.ok) throw queryError(parsed.error);
  const problem = runProblem(parsed.ast);
  if (problem) throw queryError(problem);
  return parsed.ast;
}

function windowError(path: 'from' | 'to', message: string): HttpError {
  return new HttpError('validation_failed', `invalid query: ${path}: ${message}`, { issues: [{ path: `query.${path}`, message }] });
}

/** [from, to): `to` defaults to now, `from` to 24 hours before `to`; at most maxRangeDays long. */
export function resolveWindow(from: number | undefined, to: number | undefined, now: number): { from: number; to: number } {
  const end = to ?? now;
  const start = from ?? end - LOG_SEARCH_LIMITS.defaultRangeMs;
  checkWindow(start, end);
  return { from: Math.max(0, start), to: end };
}

export function checkWindow(from: number, to: number): void {
  if (from >= to) throw windowError('from', 'must be before "to"');
  if (to - from > LOG_SEARCH_LIMITS.maxRangeDays * DAY_MS) {
    throw windowError('from', `the time range may span at most ${LOG_SEARCH_LIMITS.maxRangeDays} days`);
  }
}

/**
 * Stream ids for the group/stream filters (each given by name or id), or null for all streams.
 * With both, streams are looked up within the groups. Unknown names are a 400, not an empty result.
 */
export function resolveStreams(groups: readonly LogGroup[], groupFilter?: readonly string[], streamFilter?: readonly string[]): string[] | null {
  if (!groupFilter?.length && !streamFilter?.length) return null;
  let chosen = groups;
  if (groupFilter?.length) {
    const unknown = groupFilter.filter((want) => !groups.some((g) => g.log_group_id === want || g.log_group_name === want));
    if (unknown.length > 0) throw new HttpError('validation_failed', `unknown log group: ${unknown.join(', ')}`, { issues: [{ path: 'query.group', message: `unknown log group: ${unknown.join(', ')}` }] });
    chosen = groups.filter((g) => groupFilter.includes(g.log_group_id) || groupFilter.includes(g.log_group_name));
  }
  const streams = chosen.flatMap((g) => g.log_streams);
  if (!streamFilter?.length) return streams.map((s) => s.log_stream_id);
  const unknown = streamFilter.filter((want) => !streams.some((s) => s.log_stream_id === want || s.log_stream_name === want));
  if (unknown.length > 0) throw new HttpError('validation_failed', `unknown log stream: ${unknown.join(', ')}`, { issues: [{ path: 'query.stream', message: `unknown log stream: ${unknown.join(', ')}` }] });
  return streams.filter((s) => streamFilter.includes(s.log_stream_id) || streamFilter.includes(s.log_stream_name)).map((s) => s.log_stream_id);
}
