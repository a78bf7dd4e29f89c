/**
 * The tests the compiled SQL cannot express itself, as plain data (they cross to the reader
 * worker with the query) and as the JS functions the reader runs for `vigil_test(index, value)`.
 */
import type { CompareOp } from '../../../../query/ast.ts';
import { ipInCidr, matchesWildcard } from '../../../../query/analyze.ts';
import { numericValue } from '../../../search/fields.ts';
import { contentGlobMatcher } from '../../../search/glob.ts';
import { compileLinearRegex, foldCase, testLinear } from '../../../search/linear-regex.ts';

export type ValueTest =
  /** Case-insensitive equality (non-ASCII values; ASCII ones use SQL NOCASE). */
  | { kind: 'equals'; value: string }
  /** Case-insensitive substring (content text without word characters). */
  | { kind: 'contains'; value: string }
  /** Whole-value glob (field wildcards). */
  | { kind: 'glob'; pattern: string }
  /** Token-anchored glob inside the content (search/glob.ts). */
  | { kind: 'content-glob'; pattern: string }
  | { kind: 'regex'; pattern: string; caseInsensitive: boolean }
  | { kind: 'compare'; op: CompareOp; value: number }
  | { kind: 'cidr'; address: string; prefixLength: number };

export type ValueMatcher = (value: string) => boolean;

function compare(left: number, op: CompareOp, right: number): boolean {
  switch (op) {
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '=':
      return left === right;
  }
}

export function matcherFor(test: ValueTest): ValueMatcher {
  switch (test.kind) {
    case 'equals': {
      const want = foldCase(test.value);
      return (value) => foldCase(value) === want;
    }
    case 'contains': {
      const want = foldCase(test.value);
      return (value) => foldCase(value).includes(want);
    }
    case 'glob':
      return (value) => matchesWildcard(test.pattern, value);
    case 'content-glob':
      return contentGlobMatcher(test.pattern);
    case 'regex': {
      const compiled = compileLinearRegex(test.pattern, test.caseInsensitive);
      if (!compiled.ok) throw new Error(compiled.message);
      return (value) => testLinear(compiled, value);
    }
    case 'compare':
      return (value) => {
        const number = numericValue(value);
        return number !== null && compare(number, test.op, test.value);
      };
    case 'cidr':
      return (value) => ipInCidr(value.trim(), test.address, test.prefixLength);
  }
}
