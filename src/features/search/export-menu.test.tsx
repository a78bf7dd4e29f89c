import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { errorResponse } from '../../testing/mock-endpoint.ts';
import { renderWithProviders } from '../../testing/render.tsx';
import { server } from '../../testing/server.ts';
import { ExportMenu } from './export-menu.tsx';
import { truncationOf } from './export-file.ts';

const scope = { q: '"Failed password"', from: 1_000, to: 2_000, group: ['network'] };
let saved: { name: string; text: Promise<string> }[] = [];

beforeEach(() => {
  saved = [];
  // jsdom has no object URLs or downloads: record what would have been saved.
  URL.createObjectURL = vi.fn((blob: Blob) => {
    saved.push({ name: '', text: blob.text() });
    return 'blob:test';
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.at(-1)!.name = this.download;
  });
});
afterEach(() => vi.restoreAllMocks());

function serveExport(body: string, format = 'csv'): URLSearchParams[] {
  const requests: URLSearchParams[] = [];
  server.use(
    http.get('/api/logs/export', ({ request }) => {
      requests.push(new URL(request.url).searchParams);
      return new HttpResponse(body, {
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="vigil-logs_a_b.${format}"` },
      });
    }),
  );
  return requests;
}

async function openAndDownload(label = 'Download CSV') {
  const view = renderWithProviders(<ExportMenu scope={scope} rangeLabel="1 Jan 00:00 – 2 Jan 00:00" />);
  await view.user.click(screen.getByRole('button', { name: 'Export' }));
  const dialog = screen.getByRole('dialog', { name: 'Export matching lines' });
  return { ...view, dialog, download: () => view.user.click(within(dialog).getByRole('button', { name: label })) };
}

describe('ExportMenu', () => {
  it('sends the frozen window, scope, format and row cap, and saves the file under the server\'s name', async () => {
    const requests = serveExport('time,id\r\n2026,1\r\n');
    const { dialog, download } = await openAndDownload();
    expect(dialog).toHaveTextContent('1 Jan 00:00 – 2 Jan 00:00');
    await download();
    await waitFor(() => expect(within(dialog).getByRole('status')).toHaveTextContent('Saved vigil-logs_a_b.csv'));
    expect(within(dialog).getByRole('status')).toHaveTextContent('Every matching line is in the file.');
    const sent = requests[0]!;
    expect(Object.fromEntries(sent)).toEqual({ q: '"Failed password"', from: '1000', to: '2000', format: 'csv', limit: '100000', group: 'network' });
    expect(saved[0]!.name).toBe('vigil-logs_a_b.csv');
    expect(await saved[0]!.text).toBe('time,id\r\n2026,1\r\n');
  });

  it('says so when the row cap cut the file short', async () => {
    const requests = serveExport('{"id":"1"}\n{"truncated":true,"rowCap":5}\n', 'ndjson');
    const { user, dialog } = await openAndDownload();
    await user.click(within(dialog).getByRole('radio', { name: 'NDJSON' }));
    const cap = within(dialog).getByRole('spinbutton', { name: 'Row cap' });
    await user.clear(cap);
    await user.type(cap, '5');
    await user.click(within(dialog).getByRole('button', { name: 'Download NDJSON' }));
    await waitFor(() => expect(within(dialog).getByRole('status')).toHaveTextContent('The row cap of 5 lines was reached: the file holds the newest 5 matches.'));
    expect(requests[0]!.get('limit')).toBe('5');
    expect(requests[0]!.get('format')).toBe('ndjson');
  });

  it('refuses a row cap outside the limits before asking the server', async () => {
    const { user, dialog } = await openAndDownload();
    const cap = within(dialog).getByRole('spinbutton', { name: 'Row cap' });
    await user.clear(cap);
    await user.type(cap, '2000000');
    expect(within(dialog).getByText(/whole number from 1 to 1,000,000/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Download CSV' })).toBeDisabled();
  });

  it('shows the server\'s refusal', async () => {
    server.use(http.get('/api/logs/export', () => errorResponse(403, 'forbidden', 'this requires one of the roles: analyst, admin')));
    const { dialog, download } = await openAndDownload();
    await download();
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The export failed: this requires one of the roles: analyst, admin');
  });
});

describe('truncationOf', () => {
  it('reads the markers the server writes, and nothing else', () => {
    expect(truncationOf('a,b\r\n# truncated: row cap 100000 reached\r\n', 'csv')).toEqual({ kind: 'row_cap', rowCap: 100000 });
    expect(truncationOf('a,b\r\n# truncated: time limit 600 s reached\r\n', 'csv')).toEqual({ kind: 'time_limit', seconds: 600 });
    expect(truncationOf('a,b\r\n"# truncated: row cap 1 reached"\r\n', 'csv')).toBeNull();
    expect(truncationOf('{"truncated":true,"rowCap":7}\n', 'ndjson')).toEqual({ kind: 'row_cap', rowCap: 7 });
    expect(truncationOf('{"content":"{\\"truncated\\":true}"}\n', 'ndjson')).toBeNull();
    expect(truncationOf('', 'ndjson')).toBeNull();
  });
});
