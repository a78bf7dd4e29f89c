/**
 * The parsed fields of one line, computed once when the line is written, for the field index
 * (storage/embedded/write/field-index.ts). The values are exactly what a query reads for the
 * field (fields.ts: the label, else the value read from the content), so an index lookup finds
 * every line a `field:value` or `field>n` test would accept on the row itself:
 *  - candidate names are every label, every `"name":` key of the content, every `name=` pair
 *    after a separator (the positions fields.ts reads from), and the four access-log fields;
 *  - each name's value is then taken with `fieldValue`, the function the query side uses;
 *  - names are stored in their canonical form (`hostname` → `hostName`), as queries look them up.
 * Scanning stays linear: each regex below has no nested quantifiers and runs once over the line.
 */
import { canonicalField, fieldValue, FIELD_NAME, numericValue } from './fields.ts';
import { foldCase } from './linear-regex.ts';

/** Longest text key stored; longer values are stored cut (lookups cut the same way, rows are re-checked). */
export const FIELD_KEY_CHARS = 64;

// A key or pair name is at most 64 characters, as FIELD_NAME allows (longer ones are never read).
const JSON_KEY = /"([A-Za-z][A-Za-z0-9_.-]{0,63})"\s*:/g;
const PAIR_KEY = /(?<=^|[\s,;{([])([A-Za-z][A-Za-z0-9_.-]{0,63})=/g;
const ACCESS_NAMES = ['status', 'bytes', 'method', 'path'] as const;

/**
 * The index key of a field value: the number when the query language reads it as one (ranges
 * and numeric equality), else the case-folded text cut to FIELD_KEY_CHARS.
 */
export function fieldKey(value: string): number | string {
  const number = numericValue(value);
  return number !== null ? number : foldCase(value).slice(0, FIELD_KEY_CHARS);
}

export interface ExtractedFields {
  /** Canonical name → index key, in the order the names were found (labels first). */
  fields: Map<string, number | string>;
  /** Names left out because the line had more than `maxFields`. */
  dropped: string[];
}

/** The fields of a line, at most `maxFields` of them (a hostile JSON line cannot explode the index). */
export function extractFields(content: string, labels: Readonly<Record<string, string>>, maxFields: number): ExtractedFields {
  const names = new Set<string>();
  const add = (name: string) => {
    const canonical = canonicalField(name);
    if (FIELD_NAME.test(canonical)) names.add(canonical);
  };
  for (const name in labels) add(name);
  if (content.startsWith('{') && content.includes('"')) for (const match of content.matchAll(JSON_KEY)) add(match[1]!);
  if (content.includes('=')) for (const match of content.matchAll(PAIR_KEY)) add(match[1]!);
  if (content.includes('"') && content.includes('[')) for (const name of ACCESS_NAMES) add(name);

  const fields = new Map<string, number | string>();
  const dropped: string[] = [];
  for (const name of names) {
    const value = fieldValue(labels, content, name);
    if (value === null) continue;
    if (fields.size >= maxFields) dropped.push(name);
    else fields.set(name, fieldKey(value));
  }
  return { fields, dropped };
}
