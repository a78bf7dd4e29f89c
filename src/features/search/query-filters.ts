/**
 * Facet clicks and "filter on this value" edit the query text, so what is searched stays visible
 * and editable in one place. Edits keep the analyst's own wording where they can (appending,
 * cutting out one clause) and check the result by parsing it; where the text cannot be edited
 * safely, the canonical form of the intended query is written instead.
 */
import { parseQuery, printQuery, queryFields, stripSpans, type QueryNode, type Span } from '../../query/index.ts';

export type FilterMode = 'include' | 'exclude';

const NO_SPAN: Span = { start: 0, end: 0 };

function termNode(field: string, value: string): QueryNode {
  return { kind: 'term', field, value, span: NO_SPAN };
}

/** `field:value`, quoted when the value is not a plain word; `NOT field:value` to exclude. */
export function filterClause(field: string, value: string, mode: FilterMode): string {
  const term = termNode(field, value);
  return printQuery(mode === 'include' ? term : { kind: 'not', child: term, span: NO_SPAN });
}

function isFilterFor(node: QueryNode, field: string, value: string): boolean {
  return (
    (node.kind === 'term' || node.kind === 'phrase') &&
    node.field !== null &&
    node.field.toLowerCase() === field.toLowerCase() &&
    node.value.toLowerCase() === value.toLowerCase()
  );
}

function filterModeOf(node: QueryNode, field: string, value: string): FilterMode | null {
  if (isFilterFor(node, field, value)) return 'include';
  if (node.kind === 'not' && isFilterFor(node.child, field, value)) return 'exclude';
  return null;
}

/** The clauses ANDed at the top of the query: its children for an AND, else the query itself. */
function topClauses(ast: QueryNode): QueryNode[] {
  if (ast.kind === 'all') return [];
  return ast.kind === 'and' ? ast.children : [ast];
}

/** Whether the query already requires (`include`) or rules out (`exclude`) this value at its top level. */
export function filterState(query: string, field: string, value: string): FilterMode | null {
  const parsed = parseQuery(query);
  if (!parsed.ok) return null;
  for (const clause of topClauses(parsed.ast)) {
    const mode = filterModeOf(clause, field, value);
    if (mode) return mode;
  }
  return null;
}

/** The tree of a printed clause, as the parser will read it back (a quoted value is a phrase). */
function parsedClause(clause: string): QueryNode {
  const parsed = parseQuery(clause);
  if (!parsed.ok) throw new Error(`printQuery produced an unparsable clause: ${clause}`);
  return parsed.ast;
}

function sameTree(text: string, expected: QueryNode): boolean {
  const parsed = parseQuery(text);
  return parsed.ok && JSON.stringify(stripSpans(parsed.ast)) === JSON.stringify(stripSpans(expected));
}

function andOf(clauses: QueryNode[]): QueryNode {
  if (clauses.length === 0) return { kind: 'all', span: NO_SPAN };
  if (clauses.length === 1) return clauses[0]!;
  return { kind: 'and', children: clauses, span: NO_SPAN };
}

/** The query with the clause at `span` replaced (or cut out, with the explicit AND that joined it). */
function editText(query: string, span: Span, replacement: string): string {
  let before = query.slice(0, span.start).trimEnd();
  let after = query.slice(span.end).trimStart();
  if (replacement === '') {
    if (/(^|\s)AND$/i.test(before)) before = before.replace(/\s*AND$/i, '');
    else if (/^AND(\s|$)/i.test(after)) after = after.replace(/^AND\s*/i, '');
  }
  return [before, replacement, after].filter((part) => part !== '').join(' ');
}

/**
 * Requires or rules out `field:value`. An existing clause for the value is switched to the new
 * mode; one already in that mode leaves the query as it is.
 */
export function addFilter(query: string, field: string, value: string, mode: FilterMode): string {
  const clause = filterClause(field, value, mode);
  const parsed = parseQuery(query);
  // A query that does not parse cannot be reasoned about; append, and the error stays visible.
  if (!parsed.ok) return query.trim() === '' ? clause : `${query.trimEnd()} ${clause}`;
  const clauses = topClauses(parsed.ast);
  if (clauses.length === 0) return clause;

  const index = clauses.findIndex((node) => filterModeOf(node, field, value) !== null);
  if (index >= 0) {
    const existing = clauses[index]!;
    if (filterModeOf(existing, field, value) === mode) return query;
    const expected = andOf(clauses.map((node, at) => (at === index ? parsedClause(clause) : node)));
    const edited = editText(query, existing.span, clause);
    return sameTree(edited, expected) ? edited : printQuery(expected);
  }
  // Juxtaposition is AND, which binds tighter than OR: `a OR b` needs parentheses to be narrowed.
  const base = parsed.ast.kind === 'or' ? `(${query.trim()})` : query.trim();
  return `${base} ${clause}`;
}

/** The query without the top-level clause that includes or excludes `field:value`. */
export function removeFilter(query: string, field: string, value: string): string {
  const parsed = parseQuery(query);
  if (!parsed.ok) return query;
  const clauses = topClauses(parsed.ast);
  const index = clauses.findIndex((node) => filterModeOf(node, field, value) !== null);
  if (index < 0) return query;
  const expected = andOf(clauses.filter((_, at) => at !== index));
  const edited = editText(query, clauses[index]!.span, '');
  return sameTree(edited, expected) ? edited : printQuery(expected);
}

/** Fields the server always counts values of. */
const ALWAYS_COUNTED = ['level', 'hostname', 'appname', 'stream'];
const MAX_EXTRA_FACETS = 4;

/**
 * Fields the query names beyond the always-counted ones: asking for `status>=500` makes the
 * status codes worth counting too.
 */
export function extraFacetFields(query: string): string[] {
  const parsed = parseQuery(query);
  if (!parsed.ok) return [];
  return queryFields(parsed.ast)
    .filter((field) => !ALWAYS_COUNTED.includes(field.toLowerCase()) && /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(field))
    .slice(0, MAX_EXTRA_FACETS);
}
