import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { endpoints } from '../../contract/endpoints.ts';
import { mockEndpoint } from '../../testing/mock-endpoint.ts';
import { renderWithProviders } from '../../testing/render.tsx';
import { server } from '../../testing/server.ts';
import { makeSummary, NOW } from './test-fixtures.ts';
import { TraceRemoteNote } from './trace-remote-note.tsx';
import { TracesPanel } from './traces-panel.tsx';

const DAY = 86_400_000;
const LIMIT = "CTS answers trace queries over the last 7 days only; older traces are in the tracker's OBS bucket or its LTS stream CTS/system-trace";

describe('TraceRemoteNote', () => {
  it('names the region, a retry, and a window CTS could not reach', () => {
    renderWithProviders(<TraceRemoteNote remote={{ region: 'eu-nl', retried: true, reachable_from: NOW - 7 * DAY, limit: LIMIT }} zone="utc" />);
    expect(screen.getByTestId('trace-region')).toHaveTextContent('Answered by OTC region eu-nl (another region failed during the read)');
    expect(screen.getByTestId('trace-limit')).toHaveTextContent(`Partial: operations before 2026-11-19 12:00:00 UTC are not shown. ${LIMIT}.`);
  });

  it('says nothing for the embedded store and no limit for a window CTS could answer', () => {
    const { container } = renderWithProviders(<TraceRemoteNote remote={undefined} zone="utc" />);
    expect(container).toBeEmptyDOMElement();
    renderWithProviders(<TraceRemoteNote remote={{ region: 'eu-de', retried: false, reachable_from: null, limit: null }} zone="utc" />);
    expect(screen.getByTestId('trace-region')).toHaveTextContent(/^Answered by OTC region eu-de$/);
    expect(screen.queryByTestId('trace-limit')).toBeNull();
  });
});

describe('TracesPanel on the OTC store', () => {
  it('shows the partial note of the first page over the operations', async () => {
    server.use(
      mockEndpoint(endpoints.listTraces, () => ({
        from: NOW - 30 * DAY,
        to: NOW,
        traces: [makeSummary()],
        cursor: null,
        complete: false,
        remote: { region: 'eu-de', retried: false, reachable_from: NOW - 7 * DAY, limit: LIMIT },
      })),
    );
    renderWithProviders(<TracesPanel filter={{}} from={NOW - 30 * DAY} to={NOW} zone="utc" openId={null} onOpen={vi.fn()} onClose={vi.fn()} />);
    expect(await screen.findByTestId('trace-limit')).toHaveTextContent('operations before 2026-11-19 12:00:00 UTC are not shown');
    expect(screen.getByTestId('trace-region')).toHaveTextContent('Answered by OTC region eu-de');
    expect(await screen.findByText('deleteTracker')).toBeInTheDocument();
    expect(screen.getByText('The only matching operation is shown that the store could reach (see above).')).toBeInTheDocument();
  });
});
