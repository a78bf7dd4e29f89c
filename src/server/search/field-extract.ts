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
import { canonicalField, FIELD_NAME, numericValue, parsedField } from './fields.ts';
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

// Names and label values repeat from line to line (the same labels on every line of a source),
// so what is derived from them alone is remembered; each map is emptied when it grows past
// MEMO_ENTRIES (a stream of unique names or values cannot grow it without bound).
const MEMO_ENTRIES = 4_096;
/** A raw name → its canonical form when that is a valid field name, else null. */
const canonicalNames = new Map<string, string | null>();
/** A label's value → its index key. */
const labelKeys = new Map<string, number | string>();

function remember<V>(memo: Map<string, V>, key: string, value: V): V {
  if (memo.size >= MEMO_ENTRIES) memo.clear();
  memo.set(key, value);
  return value;
}

function validCanonical(name: string): string | null {
  const known = canonicalNames.get(name);
  if (known !== undefined) return known;
  const canonical = canonicalField(name);
  return remember(canonicalNames, name, FIELD_NAME.test(canonical) ? canonical : null);
}

function labelKey(value: string): number | string {
  return labelKeys.get(value) ?? remember(labelKeys, value, fieldKey(value));
}

/** The fields of a line, at most `maxFields` of them (a hostile JSON line cannot explode the index). */
export function extractFields(content: string, labels: Readonly<Record<string, string>>, maxFields: number): ExtractedFields {
  const names = new Set<string>();
  const add = (name: string) => {
    const canonical = validCanonical(name);
    if (canonical !== null) names.add(canonical);
  };
  for (const name in labels) add(name);
  if (content.startsWith('{') && content.includes('"')) for (const match of content.matchAll(JSON_KEY)) add(match[1]!);
  if (content.includes('=')) for (const match of content.matchAll(PAIR_KEY)) add(match[1]!);
  if (content.includes('"') && content.includes('[')) for (const name of ACCESS_NAMES) add(name);

  const fields = new Map<string, number | string>();
  const dropped: string[] = [];
  for (const name of names) {
    // fieldValue, with the label's key remembered: a canonical name is its own canonical form.
    let key: number | string;
    if (Object.hasOwn(labels, name)) key = labelKey(labels[name]!);
    else {
      const value = parsedField(content, name);
      if (value === null) continue;
      key = fieldKey(value);
    }
    if (fields.size >= maxFields) dropped.push(name);
    else fields.set(name, key);
  }
  return { fields, dropped };
}
