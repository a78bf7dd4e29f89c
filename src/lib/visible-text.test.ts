import { describe, expect, it } from 'vitest';
import { visibleParts } from './visible-text.ts';

describe('visibleParts', () => {
  it('leaves ordinary text (including joiners in emoji) as one part', () => {
    expect(visibleParts('tobias.becker 👩‍💻')).toEqual([{ kind: 'text', text: 'tobias.becker 👩‍💻' }]);
  });

  it('shows a right-to-left override instead of letting it reorder the name', () => {
    expect(visibleParts('invoice\u202Egpj.exe')).toEqual([
      { kind: 'text', text: 'invoice' },
      { kind: 'control', text: '⟨U+202E⟩', title: 'U+202E' },
      { kind: 'text', text: 'gpj.exe' },
    ]);
  });

  it('uses control pictures for C0 characters and DEL', () => {
    expect(visibleParts('a\u001b[31mb\u007f').map((part) => part.text)).toEqual(['a', '␛', '[31mb', '␡']);
    expect(visibleParts('\n')[0]).toEqual({ kind: 'control', text: '␊', title: 'LF (U+000A)' });
  });

  it('keeps line feeds and tabs as layout in multi-line text, but not carriage returns', () => {
    expect(visibleParts('{\n\t"a": 1\r\n}', { multiline: true }).map((part) => part.text)).toEqual(['{\n\t"a": 1', '␍', '\n}']);
  });
});
