import { describe, expect, it } from 'vitest';
import { keyAction } from './use-search-keys.ts';

const press = (key: string, target: EventTarget | null = document.body, modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
  keyAction({ key, target, ctrlKey: false, metaKey: false, altKey: false, ...modifiers });

describe('keyAction', () => {
  it('maps the view shortcuts', () => {
    expect(['/', '?', 'j', 'k', 'c', 'Escape', 'Enter', 'x'].map((key) => press(key))).toEqual([
      'focus-query',
      'shortcuts',
      'next',
      'previous',
      'context',
      'escape',
      'toggle',
      null,
    ]);
  });

  it('leaves keys typed into text fields to them', () => {
    const input = document.createElement('input');
    const textarea = document.createElement('textarea');
    expect(press('j', input)).toBeNull();
    expect(press('/', textarea)).toBeNull();
    const checkbox = document.createElement('input');
    checkbox.type = 'checkbox';
    expect(press('j', checkbox)).toBe('next');
  });

  it('lets Enter activate buttons and links themselves, and ignores modified keys', () => {
    const button = document.createElement('button');
    expect(press('Enter', button)).toBeNull();
    expect(press('j', button)).toBe('next');
    expect(press('k', document.body, { ctrlKey: true })).toBeNull();
  });
});
