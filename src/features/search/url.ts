import { GLOBAL_PARAM_KEYS } from '../../lib/time-range/url.ts';

/**
 * The search view's state in the URL, so a search is a link: the query that ran, where it ran
 * (whole log groups and single streams), and which line the analyst is on. The time range and zone
 * are the header's (`range`, `from`, `to`, `tz`).
 *
 *   ?q=%22Failed+password%22&group=network&stream=ecs-prod/auth&line=…&open=1&context=1
 */
export interface SearchState {
  /** The query that ran (what the input holds before Enter is the input's own business). */
  q: string;
  /** Log groups searched as a whole, by name. */
  groups: string[];
  /** Single streams as `group/stream` (LTS names cannot contain a slash). */
  streams: string[];
  /** The line the cursor is on (its 19-digit id). */
  line: string | null;
  /** Whether that line is expanded to show its labels and JSON. */
  open: boolean;
  /** Whether the context panel shows the lines around it. */
  context: boolean;
}

const LINE_ID = /^\d{19}$/;
const GROUP_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const STREAM_REF = /^[A-Za-z0-9_.-]{1,64}\/[A-Za-z0-9_.-]{1,64}$/;
const MAX_SCOPE = 100;

const SEARCH_KEYS = ['q', 'group', 'stream', 'line', 'open', 'context'] as const;

function unique(values: string[], pattern: RegExp): string[] {
  return [...new Set(values.filter((value) => pattern.test(value)))].slice(0, MAX_SCOPE);
}

export function readSearchState(params: URLSearchParams): SearchState {
  const line = params.get('line');
  const validLine = line !== null && LINE_ID.test(line) ? line : null;
  return {
    q: params.get('q') ?? '',
    groups: unique(params.getAll('group'), GROUP_NAME),
    streams: unique(params.getAll('stream'), STREAM_REF),
    line: validLine,
    // Without a line there is nothing to open.
    open: validLine !== null && params.get('open') === '1',
    context: validLine !== null && params.get('context') === '1',
  };
}

/** A copy of `params` with the patch applied; the header's parameters and unknown ones are kept. */
export function writeSearchState(params: URLSearchParams, patch: Partial<SearchState>): URLSearchParams {
  const state = { ...readSearchState(params), ...patch };
  const next = new URLSearchParams();
  // Header state first, then ours in a fixed order, so equal states give equal (shareable) URLs.
  for (const [key, value] of params) {
    if (!(SEARCH_KEYS as readonly string[]).includes(key)) next.append(key, value);
  }
  if (state.q !== '') next.set('q', state.q);
  for (const group of state.groups) next.append('group', group);
  for (const stream of state.streams) next.append('stream', stream);
  if (state.line !== null) {
    next.set('line', state.line);
    if (state.open) next.set('open', '1');
    if (state.context) next.set('context', '1');
  }
  return next;
}

/**
 * Back and forward step between searches, not between cursor moves: a change of what is searched
 * (query, scope, time range) makes a history entry; moving between lines, opening one or its
 * context replaces the current entry, so pressing `j` fifty times does not bury the last search.
 */
export function historyMode(before: URLSearchParams, after: URLSearchParams): 'push' | 'replace' {
  return searchIdentity(before) === searchIdentity(after) ? 'replace' : 'push';
}

/** What decides the result set: query, scope and the header's range. */
export function searchIdentity(params: URLSearchParams): string {
  const state = readSearchState(params);
  const range = GLOBAL_PARAM_KEYS.filter((key) => key !== 'tz').map((key) => params.get(key));
  return JSON.stringify([state.q, state.groups, state.streams, range]);
}
