import { describe, expect, it } from 'vitest';
import { tooltipText } from './chart-options.ts';

describe('tooltipText', () => {
  it('escapes HTML so data cannot become markup in a tooltip', () => {
    expect(tooltipText('<img src=x onerror="alert(1)">')).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(tooltipText(`<a href="javascript:x">'&`)).toBe('&lt;a href=&quot;javascript:x&quot;&gt;&#39;&amp;');
  });

  it('shows control and bidi characters instead of letting them act', () => {
    expect(tooltipText('evil\u202Etxt.exe')).toBe('evil⟨U+202E⟩txt.exe');
    expect(tooltipText('\u001b[31mred')).toBe('␛[31mred');
  });
});
