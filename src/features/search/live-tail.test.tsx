import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { endpoints } from '../../contract/endpoints.ts';
import { errorResponse, mockEndpoint } from '../../testing/mock-endpoint.ts';
import { renderWithProviders } from '../../testing/render.tsx';
import { server } from '../../testing/server.ts';
import { LiveTailPanel } from './live-tail-panel.tsx';
import { SearchPage } from './search-page.tsx';
import { makeFacets, makeHistogram, makeLine, makePage } from './search-test-data.ts';
import { useLiveTail } from './use-live-tail.ts';

vi.mock('../../components/echarts-runtime.ts', () => ({
  init: () => ({ setOption() {}, on() {}, off() {}, dispatchAction() {}, resize() {}, dispose() {} }),
}));

const encoder = new TextEncoder();

function lineEvent(id: string, content: string): string {
  return `id: ${id}\nevent: line\ndata: ${JSON.stringify(makeLine({ id, content }))}\n\n`;
}

/** An SSE response whose chunks the test pushes; `end()` closes it. */
function sseResponse() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  return {
    response: new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } }),
    push: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
  };
}

function Harness() {
  const [on, setOn] = useState(true);
  const tail = useLiveTail({ q: 'sshd', group: ['network'] }, on);
  return (
    <>
      <button onClick={() => setOn(!on)}>toggle</button>
      <LiveTailPanel tail={tail} zone="utc" />
    </>
  );
}

describe('live tail', () => {
  it('appends lines as they arrive and resumes with Last-Event-ID after the stream drops', async () => {
    const streams = [sseResponse(), sseResponse()];
    const requests: Request[] = [];
    server.use(http.get('/api/logs/tail', ({ request }) => (requests.push(request), streams[requests.length - 1]!.response)));
    renderWithProviders(<Harness />);
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(new URL(requests[0]!.url).searchParams.toString()).toBe('q=sshd&group=network');
    streams[0]!.push('retry: 20\n: following\n\n');
    streams[0]!.push(lineEvent('1000000000000000001', 'first <b>line</b>'));
    const list = await screen.findByRole('list', { name: 'Live lines' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(list).toHaveTextContent('first <b>line</b>');
    expect(list.querySelector('b')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('Live: 1 new line since the tail started.');

    streams[0]!.end();
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[1]!.headers.get('last-event-id')).toBe('1000000000000000001');
    streams[1]!.push(lineEvent('1000000000000000002', 'second line'));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
  });

  it('shows the server\'s refusal when the per-user cap is reached, and does not retry', async () => {
    let calls = 0;
    server.use(
      http.get('/api/logs/tail', () => {
        calls++;
        return errorResponse(429, 'rate_limited', 'You already have 3 live tails open, the most one user may.');
      }),
    );
    renderWithProviders(<Harness />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Live tail refused: You already have 3 live tails open, the most one user may.');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toBe(1);
  });

  it('shows the pace a read quota sets, a throttled state instead of silently missing lines, and its end', async () => {
    const stream = sseResponse();
    server.use(http.get('/api/logs/tail', () => stream.response));
    renderWithProviders(<Harness />);
    const at = Date.UTC(2026, 10, 26, 12, 0, 0);
    stream.push(`event: pace\ndata: ${JSON.stringify({ pollMs: 19_200, reason: 'LTS allows 100 reads a minute per account (16 streams) and a live tail uses half of that', time: at })}\n\n`);
    expect(await screen.findByTestId('tail-pace')).toHaveTextContent('Every 19.2 s: LTS allows 100 reads a minute per account (16 streams) and a live tail uses half of that.');
    stream.push(`event: throttled\ndata: ${JSON.stringify({ retryAt: at + 9_000, streams: ['ecs-prod/auth', 'ecs-prod/app', 'network/vpc-flow', 'network/waf-attack'], time: at })}\n\n`);
    expect(await screen.findByTestId('tail-throttled')).toHaveTextContent(
      "Throttled: the store's read quota refused 4 streams (ecs-prod/auth, ecs-prod/app, network/vpc-flow, …). The tail reads the same lines again at 12:00:09 UTC; none is skipped.",
    );
    expect(screen.queryByTestId('tail-pace')).toBeNull();
    stream.push(`event: resumed\ndata: ${JSON.stringify({ time: at + 9_000 })}\n\n`);
    stream.push(lineEvent('1000000000000000001', 'late but not lost'));
    await waitFor(() => expect(screen.queryByTestId('tail-throttled')).toBeNull());
    expect(await screen.findByText('late but not lost')).toBeInTheDocument();
    expect(screen.getByTestId('tail-pace')).toBeInTheDocument();
  });

  it('pauses following when scrolled up and jumps back to the newest line on request', async () => {
    const stream = sseResponse();
    server.use(http.get('/api/logs/tail', () => stream.response));
    const { user } = renderWithProviders(<Harness />);
    stream.push(lineEvent('1000000000000000001', 'one'));
    const list = await screen.findByRole('list', { name: 'Live lines' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    // jsdom does not lay out: give the list a scrollable size and scroll it up.
    Object.defineProperty(list, 'scrollHeight', { configurable: true, value: 1000 });
    Object.defineProperty(list, 'clientHeight', { configurable: true, value: 100 });
    list.scrollTop = 0;
    fireEvent.scroll(list);
    stream.push(lineEvent('1000000000000000002', 'two'));
    const jump = await screen.findByRole('button', { name: 'Paused · 1 new · jump to newest' });
    expect(list.scrollTop).toBe(0);
    await user.click(jump);
    expect(screen.queryByRole('button', { name: /Paused/ })).toBeNull();
  });

  it('is switched on from the Search view', async () => {
    server.use(
      mockEndpoint(endpoints.searchLogs, () => makePage([])),
      mockEndpoint(endpoints.logHistogram, () => makeHistogram()),
      mockEndpoint(endpoints.logFacets, () => makeFacets()),
    );
    const stream = sseResponse();
    const requests: URL[] = [];
    server.use(http.get('/api/logs/tail', ({ request }) => (requests.push(new URL(request.url)), stream.response)));
    const { user } = renderWithProviders(<SearchPage />, { route: '/search?range=1h&q=sshd' });
    const toggle = await screen.findByRole('button', { name: 'Live tail' });
    await waitFor(() => expect(toggle).toBeEnabled());
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    stream.push(lineEvent('1000000000000000009', 'sshd: new session'));
    expect(await screen.findByText('sshd: new session')).toBeInTheDocument();
    expect(requests[0]!.searchParams.get('q')).toBe('sshd');
    await user.click(toggle);
    expect(screen.queryByRole('region', { name: 'Live tail' })).toBeNull();
  });
});
