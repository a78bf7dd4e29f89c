/**
 * Vigil's query language compiled to an LTS search statement (`keywords`). LTS can say: words,
 * phrases (`#"…"`), `and`/`or`/`not`, parentheses, `label:value` and trailing wildcards. It cannot
 * say regexes, networks, numeric comparisons on text, leading/infix wildcards or fields parsed out
 * of the content; those parts are left out of the statement (which then selects a superset) and
 * applied in the BFF (local-match.ts). `exact` is false when anything was left out or loosened,
 * and the result then says that it was filtered locally.
 */
import type { QueryNode } from '../../../query/ast.ts';
import { canonicalField } from '../../search/fields.ts';

/** Labels ICAgent attaches to LTS events, which LTS can search as fields. */
export const LTS_LABELS = new Set([
  'hostName', 'hostIP', 'hostId', 'pathFile', 'appName', 'level', 'category',
  'containerName', 'podName', 'nameSpace', 'clusterId', 'clusterName',
]);

export interface CompiledKeywords {
  /** The search statement; '' selects every line. */
  keywords: string;
  /** True when the statement selects exactly the query's lines (no local filtering needed). */
  exact: boolean;
}

interface Part {
  text: string | null;
  exact: boolean;
}

const OPERATOR_WORDS = new Set(['and', 'or', 'not', 'in']);
const PLAIN_WORD = /^[\p{L}\p{N}]+$/u;
/** Characters a quoted LTS value or phrase cannot carry safely. */
const UNQUOTABLE = /["\\#]/;

function content(node: Extract<QueryNode, { kind: 'term' | 'phrase' }>): Part {
  const value = node.value.trim();
  if (value === '' || UNQUOTABLE.test(value) || OPERATOR_WORDS.has(value.toLowerCase())) return { text: null, exact: false };
  if (PLAIN_WORD.test(value)) return { text: value, exact: true };
  // Words joined by spaces or punctuation: an LTS phrase over LTS's own tokens. Punctuation that is
  // not an LTS delimiter ('.', '-', '_') stays inside one LTS token, so that reading is looser.
  return { text: `#"${value}"`, exact: /^[\p{L}\p{N} ]+$/u.test(value) };
}

function compile(node: QueryNode): Part {
  switch (node.kind) {
    case 'all':
      return { text: null, exact: true };
    case 'and': {
      const parts = node.children.map(compile);
      const texts = parts.map((p) => p.text).filter((t) => t !== null);
      return { text: texts.length === 0 ? null : texts.length === 1 ? texts[0]! : texts.join(' and '), exact: parts.every((p) => p.exact) };
    }
    case 'or': {
      const parts = node.children.map(compile);
      // One side LTS cannot say makes the whole alternative unsayable: select everything here.
      if (parts.some((p) => p.text === null)) return { text: null, exact: false };
      return { text: `(${parts.map((p) => p.text).join(' or ')})`, exact: parts.every((p) => p.exact) };
    }
    case 'not': {
      const inner = compile(node.child);
      // Only an exact statement may be negated: negating a superset would drop matching lines.
      if (inner.text === null || !inner.exact) return { text: null, exact: false };
      return { text: `not (${inner.text})`, exact: true };
    }
    case 'term':
    case 'phrase': {
      if (node.field === null) return content(node);
      const field = canonicalField(node.field);
      if (!LTS_LABELS.has(field) || UNQUOTABLE.test(node.value)) return { text: null, exact: false };
      return { text: `${field}:"${node.value}"`, exact: true };
    }
    case 'wildcard': {
      const pattern = node.pattern;
      if (/^[*?]/.test(pattern) || UNQUOTABLE.test(pattern) || /[\s"]/.test(pattern)) return { text: null, exact: false };
      if (node.field === null) return { text: /^[\p{L}\p{N}]+[*?][\p{L}\p{N}*?]*$/u.test(pattern) ? pattern : null, exact: false };
      const field = canonicalField(node.field);
      return LTS_LABELS.has(field) ? { text: `${field}:${pattern}`, exact: false } : { text: null, exact: false };
    }
    default:
      return { text: null, exact: false };
  }
}

export function compileKeywords(ast: QueryNode): CompiledKeywords {
  const part = compile(ast);
  return { keywords: part.text ?? '', exact: part.exact };
}
