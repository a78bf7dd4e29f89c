/**
 * Canvas charts cannot read CSS variables, but Vigil's colours live in them (light and dark). A
 * chart option may therefore name colours as `var(--token)`; before the option reaches ECharts,
 * each one is replaced by the colour the token has at the chart's place in the page right now.
 */

const CSS_VARIABLE = /^var\(--[A-Za-z0-9_-]+\)$/;

/** A deep copy of `value` with every `var(--token)` string replaced by `resolve(token)`. */
export function resolveCssColors<T>(value: T, resolve: (variable: string) => string): T {
  if (typeof value === 'string') return (CSS_VARIABLE.test(value) ? resolve(value) : value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => resolveCssColors(item, resolve)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = resolveCssColors(item, resolve);
    return copy as T;
  }
  // Functions (formatters), numbers, dates and class instances pass through untouched.
  return value;
}

/**
 * Resolves `var(--token)` as the colour a probe element inside `host` computes for it, so scoped
 * tokens and `light-dark()` pairs give the colour currently on screen. Falls back to the text as
 * written when the browser cannot compute it.
 */
export function cssColorResolver(host: HTMLElement): { resolve: (variable: string) => string; dispose: () => void } {
  const probe = document.createElement('span');
  probe.hidden = true;
  host.append(probe);
  const cache = new Map<string, string>();
  return {
    resolve(variable) {
      let color = cache.get(variable);
      if (color === undefined) {
        probe.style.color = '';
        probe.style.color = variable;
        color = getComputedStyle(probe).color || variable;
        cache.set(variable, color);
      }
      return color;
    },
    dispose: () => probe.remove(),
  };
}
