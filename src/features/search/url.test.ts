import { describe, expect, it } from 'vitest';
import { historyMode, readSearchState, writeSearchState } from './url.ts';

const LINE = '1795572898887000000';
const params = (text: string) => new URLSearchParams(text);

describe('search state in the URL', () => {
  it('reads defaults and ignores junk', () => {
    expect(readSearchState(params('line=12&open=1&context=1&group=bad/name&stream=nostream'))).toEqual({
      q: '',
      groups: [],
      streams: [],
      line: null,
      open: false,
      context: false,
    });
  });

  it('round-trips every field and keeps the header parameters', () => {
    const state = {
      q: '"Failed password" AND 185.220.101.47',
      groups: ['network'],
      streams: ['ecs-prod/auth', 'cce-cluster/shop'],
      line: LINE,
      open: true,
      context: true,
    };
    const written = writeSearchState(params('range=7d&tz=utc'), state);
    expect(written.get('range')).toBe('7d');
    expect(written.get('tz')).toBe('utc');
    expect(readSearchState(written)).toEqual(state);
    expect(written.toString()).toBe(
      `range=7d&tz=utc&q=%22Failed+password%22+AND+185.220.101.47&group=network&stream=ecs-prod%2Fauth&stream=cce-cluster%2Fshop&line=${LINE}&open=1&context=1`,
    );
  });

  it('drops open and context with the line', () => {
    const written = writeSearchState(params(`q=x&line=${LINE}&open=1&context=1`), { line: null });
    expect(written.toString()).toBe('q=x');
  });

  it('writes the same URL for the same state, whatever order it came in', () => {
    const a = writeSearchState(params(`line=${LINE}&q=x&range=1h`), {});
    const b = writeSearchState(params(`range=1h&q=x&line=${LINE}`), {});
    expect(a.toString()).toBe(b.toString());
  });
});

describe('history: back and forward step between searches', () => {
  const base = params('range=7d&q=error');

  it('pushes a new query, scope or time range', () => {
    expect(historyMode(base, writeSearchState(base, { q: 'error AND level:ERROR' }))).toBe('push');
    expect(historyMode(base, writeSearchState(base, { streams: ['ecs-prod/auth'] }))).toBe('push');
    expect(historyMode(base, params('from=2026-11-25T02:00:00Z&to=2026-11-25T03:00:00Z&q=error'))).toBe('push');
  });

  it('replaces for cursor moves, opening a line or its context, and the display zone', () => {
    const onLine = writeSearchState(base, { line: LINE });
    expect(historyMode(base, onLine)).toBe('replace');
    expect(historyMode(onLine, writeSearchState(onLine, { open: true, context: true }))).toBe('replace');
    expect(historyMode(base, params('range=7d&q=error&tz=utc'))).toBe('replace');
  });

  it('restores the whole view from an earlier entry', () => {
    // What the browser hands back on "back" is the earlier URL; reading it gives the earlier view.
    const earlier = writeSearchState(base, { line: LINE, open: true });
    const later = writeSearchState(earlier, { q: 'timeout', line: null });
    expect(readSearchState(later)).toMatchObject({ q: 'timeout', line: null, open: false });
    expect(readSearchState(earlier)).toMatchObject({ q: 'error', line: LINE, open: true });
  });
});
