/**
 * What a field in a query (`level:ERROR`, `status>=500`, `podName:checkout*`) refers to on a line.
 * A field's value is the line's label of that name; when the line has no such label, it is read
 * from the content, the way an analyst would read it:
 *  - JSON lines (`{"level":"error","latency_ms":812}`): the first `"name": value` pair;
 *  - `name=value` pairs (nginx `rt=0.123`, UFW `SRC=1.2.3.4`, sudo `USER=root`): the first one;
 *  - nginx/Apache access lines (common/combined format): `status`, `bytes`, `method`, `path`.
 * Names are case-sensitive, except that the four labels stored as columns also answer to any case
 * (`hostname:` is `hostName:`).
 */

/** Labels stored as columns by the embedded store (write/lines.ts), by lower-cased name. */
const COLUMN_LABELS = new Map([
  ['level', 'level'],
  ['hostname', 'hostName'],
  ['hostip', 'hostIP'],
  ['appname', 'appName'],
]);

/** The canonical label name: `hostName` for `hostname`, otherwise the name as given. */
export function canonicalField(field: string): string {
  return COLUMN_LABELS.get(field.toLowerCase()) ?? field;
}

/** Names that are safe to put in patterns and JSON paths (the query language's field syntax). */
export const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

const ACCESS_LINE = /^\S+ \S+ \S+ \[[^\]]*\] "([A-Z]+) (\S+)[^"]*" (\d{3}) (\d+|-)/;
const ACCESS_FIELDS: Record<string, number> = { method: 1, path: 2, status: 3, bytes: 4 };

const escapeRegex = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

interface FieldReaders {
  json: RegExp;
  pair: RegExp;
}

const readers = new Map<string, FieldReaders>();

function readersFor(name: string): FieldReaders {
  let found = readers.get(name);
  if (!found) {
    const key = escapeRegex(name);
    found = {
      // No nested quantifiers: these run on every scanned line and must stay linear.
      json: new RegExp(`"${key}"\\s*:\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|true|false))`),
      pair: new RegExp(`(?:^|[\\s,;{(\\[])${key}=(?:"([^"]*)"|([^\\s,;"\\])}]*))`),
    };
    if (readers.size > 1_000) readers.clear();
    readers.set(name, found);
  }
  return found;
}

function unescapeJson(text: string): string {
  if (!text.includes('\\')) return text;
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return text;
  }
}

/** The value of field `name` read from a line's content, or null when the content has none. */
export function parsedField(content: string, name: string): string | null {
  if (!FIELD_NAME.test(name)) return null;
  const { json, pair } = readersFor(name);
  if (content.startsWith('{')) {
    const match = json.exec(content);
    if (match) return match[1] !== undefined ? unescapeJson(match[1]) : (match[2] ?? null);
  }
  if (content.includes(`${name}=`)) {
    const match = pair.exec(content);
    if (match) return match[1] ?? match[2] ?? null;
  }
  const group = ACCESS_FIELDS[name];
  if (group !== undefined) {
    const match = accessMatch(content);
    if (match) return match[group] ?? null;
  }
  return null;
}

// The last line matched against ACCESS_LINE: the field index reads all four access fields of a
// line one after the other (search/field-extract.ts), and the regex is most of that cost.
let accessContent: string | null = null;
let accessResult: RegExpExecArray | null = null;

function accessMatch(content: string): RegExpExecArray | null {
  if (content !== accessContent) {
    accessResult = ACCESS_LINE.exec(content);
    accessContent = content;
  }
  return accessResult;
}

/** A line's value for a query field: its label, else the value read from its content. */
export function fieldValue(labels: Record<string, string>, content: string, field: string): string | null {
  const name = canonicalField(field);
  return Object.hasOwn(labels, name) ? labels[name]! : parsedField(content, name);
}

/** Numbers as the query language writes them; anything else is not a number. */
export function numericValue(value: string | null): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

const IPV4 = /(?<![\d.])(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}(?![\d.])/;

/** The first IPv4 address in a line (sshd's "from 1.2.3.4 port"), for alert rules grouped by `ip`. */
export function firstIpv4(content: string): string | null {
  return IPV4.exec(content)?.[0] ?? null;
}
