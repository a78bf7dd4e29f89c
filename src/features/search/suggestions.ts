/**
 * Autocomplete for the query input: field names while a word is typed, and a field's frequent
 * values (from the facet counts) right after `field:`. Pure: the input hands in its text and caret.
 */
import { printQuery, tokenize, type Token } from '../../query/index.ts';

/** Labels LTS and the embedded store know, and fields read from content (see the query language). */
export const KNOWN_FIELDS = ['level', 'hostName', 'hostIP', 'appName', 'pathFile', 'status', 'method', 'path', 'bytes'] as const;

export interface FieldValueCount {
  value: string;
  count: number;
}

export interface SuggestionCatalog {
  fields: readonly string[];
  /** Frequent values per field, most frequent first. */
  values: ReadonlyMap<string, readonly FieldValueCount[]>;
}

export interface Suggestion {
  /** What the list shows. */
  label: string;
  /** Extra words beside it, e.g. a count. */
  detail?: string;
  /** The text that replaces [from, to) of the query. */
  insert: string;
  from: number;
  to: number;
}

const MAX_SUGGESTIONS = 8;

function rank(candidates: readonly string[], prefix: string): string[] {
  const needle = prefix.toLowerCase();
  const starts = candidates.filter((name) => name.toLowerCase().startsWith(needle));
  // Matches inside a name only from three characters on: "ho" finding "metHOd" is noise.
  const contains = needle.length < 3 ? [] : candidates.filter((name) => !name.toLowerCase().startsWith(needle) && name.toLowerCase().includes(needle));
  return [...starts, ...contains];
}

function valueSuggestions(field: Extract<Token, { kind: 'field' }>, value: Token | undefined, caret: number, catalog: SuggestionCatalog): Suggestion[] {
  const known = [...catalog.values].find(([name]) => name.toLowerCase() === field.name.toLowerCase())?.[1] ?? [];
  const typed = value === undefined ? '' : value.kind === 'word' ? value.text.slice(0, caret - value.start) : value.kind === 'phrase' ? value.value : '';
  const to = value?.end ?? caret;
  const byValue = new Map(known.map((entry) => [entry.value, entry.count]));
  return rank(
    known.map((entry) => entry.value),
    typed,
  )
    .filter((candidate) => candidate !== typed)
    .slice(0, MAX_SUGGESTIONS)
    .map((candidate) => ({
      label: candidate,
      detail: `${(byValue.get(candidate) ?? 0).toLocaleString('en-US')} lines`,
      insert: `${printQuery({ kind: 'term', field: field.name, value: candidate, span: { start: 0, end: 0 } })} `,
      from: field.start,
      to,
    }));
}

function fieldSuggestions(word: Extract<Token, { kind: 'word' }>, caret: number, catalog: SuggestionCatalog): Suggestion[] {
  const typed = word.text.slice(0, caret - word.start);
  if (typed === '' || /[^A-Za-z0-9_.-]/.test(typed)) return [];
  const names = [...new Set([...KNOWN_FIELDS, ...catalog.fields])];
  return rank(names, typed)
    .filter((name) => name !== typed)
    .slice(0, MAX_SUGGESTIONS)
    .map((name) => ({ label: `${name}:`, insert: `${name}:`, from: word.start, to: word.end }));
}

/** Suggestions for the text around the caret; empty when nothing fits. */
export function suggest(query: string, caret: number, catalog: SuggestionCatalog): Suggestion[] {
  const tokens = tokenize(query);
  const index = tokens.findIndex((token) => token.start < caret && caret <= token.end);
  const token = tokens[index];
  if (!token) return [];
  const previous = tokens[index - 1];
  if (token.kind === 'field') {
    const next = tokens[index + 1];
    const value = next && next.start === token.end ? next : undefined;
    return token.op === ':' && token.end === caret ? valueSuggestions(token, value, caret, catalog) : [];
  }
  if (previous?.kind === 'field' && previous.end === token.start) {
    return previous.op === ':' && (token.kind === 'word' || token.kind === 'phrase') ? valueSuggestions(previous, token, caret, catalog) : [];
  }
  return token.kind === 'word' ? fieldSuggestions(token, caret, catalog) : [];
}

/** The query after choosing a suggestion, and where the caret goes. */
export function applySuggestion(query: string, suggestion: Suggestion): { query: string; caret: number } {
  const rest = query.slice(suggestion.to);
  // A value is followed by a space to type on; the text after it may already start with one.
  const insert = /^\s/.test(rest) ? suggestion.insert.trimEnd() : suggestion.insert;
  return { query: query.slice(0, suggestion.from) + insert + rest, caret: suggestion.from + insert.length };
}

interface FacetsLike {
  facets: ReadonlyArray<{ field: string; values: ReadonlyArray<{ value: string; count: number }> }>;
}

/** Field names and values to suggest: facet fields and values, and labels seen on loaded lines. */
export function catalogFrom(facets: FacetsLike | undefined, lines: ReadonlyArray<{ labels: Readonly<Record<string, string>> }>): SuggestionCatalog {
  const fields = new Set<string>();
  const values = new Map<string, FieldValueCount[]>();
  for (const facet of facets?.facets ?? []) {
    // Streams are chosen with the stream picker; the query language has no stream field.
    if (facet.field === 'stream') continue;
    fields.add(facet.field);
    values.set(facet.field, facet.values.map(({ value, count }) => ({ value, count })));
  }
  // The first lines are enough to learn the label names in use; scanning 100,000 would not add any.
  for (const line of lines.slice(0, 500)) for (const name of Object.keys(line.labels)) if (/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(name)) fields.add(name);
  return { fields: [...fields], values };
}
