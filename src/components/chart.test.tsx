import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Chart } from './chart.tsx';

const fake = vi.hoisted(() => {
  const handlers = new Map<string, (params: unknown) => void>();
  const chart = {
    setOption: vi.fn(),
    dispatchAction: vi.fn(),
    resize: vi.fn(),
    dispose: vi.fn(),
    on: vi.fn((name: string, handler: (params: unknown) => void) => handlers.set(name, handler)),
    off: vi.fn((name: string) => handlers.delete(name)),
  };
  return { chart, handlers, init: vi.fn(() => chart) };
});

// The runtime is the lazily loaded ECharts; jsdom has no canvas, so a recording stand-in replaces it.
vi.mock('./echarts-runtime.ts', () => ({ init: fake.init }));

describe('Chart', () => {
  it('loads ECharts on first use, sets the option with theme colours resolved and disposes on unmount', async () => {
    const onRender = vi.fn();
    const option = { color: 'var(--accent)', series: [{ type: 'bar', data: [1, 2] }] };
    const { unmount } = render(<Chart option={option} label="Lines over time" height={120} onRender={onRender} />);
    const host = screen.getByRole('img', { name: 'Lines over time' });
    await waitFor(() => expect(fake.chart.setOption).toHaveBeenCalledTimes(1));
    expect(fake.init).toHaveBeenCalledWith(host, undefined, { renderer: 'canvas' });
    const [passed, settings] = fake.chart.setOption.mock.calls[0] as [typeof option, unknown];
    expect(passed.series).toEqual(option.series);
    // The token is replaced by what the browser computes (jsdom cannot, so the text comes back).
    expect(typeof passed.color).toBe('string');
    expect(settings).toEqual({ notMerge: true });
    expect(onRender).toHaveBeenCalledWith(fake.chart);
    expect(host).toHaveAttribute('aria-busy', 'false');
    unmount();
    expect(fake.chart.dispose).toHaveBeenCalled();
  });

  it('passes chart events to the latest handlers and draws again when the theme changes', async () => {
    fake.chart.setOption.mockClear();
    const first = vi.fn();
    const second = vi.fn();
    const option = { series: [] };
    const { rerender } = render(<Chart option={option} label="chart" height={80} events={{ brushEnd: first }} />);
    await waitFor(() => expect(fake.handlers.has('brushEnd')).toBe(true));
    rerender(<Chart option={option} label="chart" height={80} events={{ brushEnd: second }} />);
    fake.handlers.get('brushEnd')?.({ areas: [] });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith({ areas: [] }, fake.chart);

    const before = fake.chart.setOption.mock.calls.length;
    document.documentElement.dataset.theme = 'dark';
    await waitFor(() => expect(fake.chart.setOption.mock.calls.length).toBe(before + 1));
  });
});
