import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { Button } from './button.tsx';
import { cssColorResolver, resolveCssColors } from './css-colors.ts';
import type * as EchartsRuntime from './echarts-runtime.ts';
import './chart.css';

export type ChartEventHandler = (params: unknown, chart: EChartsType) => void;

export interface ChartProps {
  /** An ECharts option; colours may be CSS tokens such as `var(--accent)`. */
  option: EChartsCoreOption;
  /** What the chart shows, in words: its accessible name. */
  label: string;
  /** Height in pixels; the width follows the container. */
  height: number;
  /** ECharts events by name (`click`, `brushEnd`…). */
  events?: Readonly<Record<string, ChartEventHandler>>;
  /** Runs after every option update, e.g. to arm a brush with `dispatchAction`. */
  onRender?: (chart: EChartsType) => void;
  /** Runs just before every option update, e.g. to set a performance mark around `setOption`. */
  onBeforeRender?: (chart: EChartsType) => void;
}

type Runtime = typeof EchartsRuntime;

/** One download for every chart on the page (and the next ones). */
let runtime: Promise<Runtime> | null = null;
function loadRuntime(): Promise<Runtime> {
  runtime ??= import('./echarts-runtime.ts').catch((error: unknown) => {
    runtime = null;
    throw error;
  });
  return runtime;
}

/** Bumps whenever the page's colours may have changed: the theme switch or the OS theme. */
let schemeVersion = 0;
function subscribeScheme(notify: () => void): () => void {
  const bump = () => {
    schemeVersion += 1;
    notify();
  };
  const observer = new MutationObserver(bump);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const media = window.matchMedia?.('(prefers-color-scheme: dark)');
  media?.addEventListener('change', bump);
  return () => {
    observer.disconnect();
    media?.removeEventListener('change', bump);
  };
}

/**
 * The single ECharts wrapper. ECharts (about 300 KB) loads on the first chart, not with the app;
 * until then the chart's box is reserved so nothing jumps. Colours follow the theme, the size
 * follows the container.
 */
export function Chart({ option, label, height, events, onRender, onBeforeRender }: ChartProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<EChartsType | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const scheme = useSyncExternalStore(subscribeScheme, () => schemeVersion);
  const eventsRef = useRef(events);
  const onRenderRef = useRef(onRender);
  const onBeforeRenderRef = useRef(onBeforeRender);
  useEffect(() => {
    eventsRef.current = events;
    onRenderRef.current = onRender;
    onBeforeRenderRef.current = onBeforeRender;
  });

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let instance: EChartsType | null = null;
    let cancelled = false;
    let observer: ResizeObserver | null = null;
    loadRuntime().then(
      ({ init }) => {
        if (cancelled) return;
        instance = init(host, undefined, { renderer: 'canvas' });
        if (typeof ResizeObserver !== 'undefined') {
          observer = new ResizeObserver(() => instance?.resize());
          observer.observe(host);
        }
        setChart(instance);
      },
      (error: unknown) => {
        if (!cancelled) setFailure(error);
      },
    );
    return () => {
      cancelled = true;
      observer?.disconnect();
      instance?.dispose();
      setChart(null);
    };
  }, [attempt]);

  useEffect(() => {
    const host = hostRef.current;
    if (!chart || !host) return;
    onBeforeRenderRef.current?.(chart);
    const colors = cssColorResolver(host);
    chart.setOption(resolveCssColors(option, colors.resolve), { notMerge: true });
    colors.dispose();
    onRenderRef.current?.(chart);
  }, [chart, option, scheme]);

  const eventNames = Object.keys(events ?? {}).sort().join(' ');
  useEffect(() => {
    if (!chart || eventNames === '') return;
    const names = eventNames.split(' ');
    const handlers = names.map((name) => {
      const handler = (params: unknown) => eventsRef.current?.[name]?.(params, chart);
      chart.on(name, handler);
      return [name, handler] as const;
    });
    return () => handlers.forEach(([name, handler]) => chart.off(name, handler));
  }, [chart, eventNames]);

  return (
    <div className="chart">
      <div
        ref={hostRef}
        className="chart__canvas"
        role="img"
        aria-label={label}
        aria-busy={chart === null && failure === null}
        style={{ blockSize: `${height}px` }}
      />
      {failure !== null && (
        <div className="chart__failure" role="alert">
          <span>The chart could not be loaded.</span>
          <Button
            onClick={() => {
              setFailure(null);
              setAttempt((value) => value + 1);
            }}
          >
            Try again
          </Button>
        </div>
      )}
    </div>
  );
}
