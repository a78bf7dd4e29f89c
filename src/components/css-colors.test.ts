import { describe, expect, it } from 'vitest';
import { resolveCssColors } from './css-colors.ts';

describe('resolveCssColors', () => {
  it('replaces var(--token) strings deep inside an option and leaves everything else', () => {
    const formatter = () => 'x';
    const option = {
      color: 'var(--accent)',
      series: [{ itemStyle: { color: 'var(--level-error)' }, data: [1, 2], name: 'var(--not a token)' }],
      tooltip: { formatter, text: 'plain' },
    };
    const resolved = resolveCssColors(option, (variable) => `resolved ${variable}`);
    expect(resolved).toEqual({
      color: 'resolved var(--accent)',
      series: [{ itemStyle: { color: 'resolved var(--level-error)' }, data: [1, 2], name: 'var(--not a token)' }],
      tooltip: { formatter, text: 'plain' },
    });
    expect(resolved.tooltip.formatter).toBe(formatter);
    expect(option.color).toBe('var(--accent)');
  });
});
