import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowList } from './address-policy.ts';
import { OutboundClient, OutboundError } from './client.ts';

let server: http.Server;
let base: string;
let port: number;
const seen: Array<{ url: string; body: string }> = [];
let flaky = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', body });
      if (req.url === '/redirect-out') res.writeHead(302, { location: 'http://169.254.169.254/latest' }).end();
      else if (req.url === '/redirect-in') res.writeHead(307, { location: '/ok' }).end();
      else if (req.url === '/big') res.end('x'.repeat(100_000));
      else if (req.url === '/slow') setTimeout(() => res.end('late'), 2000);
      else if (req.url === '/flaky') res.writeHead(flaky++ < 2 ? 503 : 200).end('flaky');
      else if (req.url === '/bad') res.writeHead(400).end('bad request body');
      else res.end(`ok ${body}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const allowed = () => new OutboundClient({ allow: parseAllowList('127.0.0.1'), timeoutMs: 1000 });

describe('OutboundClient', () => {
  it('refuses a loopback receiver unless it is on the allow list, without connecting', async () => {
    const before = seen.length;
    const refused = new OutboundClient().request({ url: `${base}/ok`, body: 'x' });
    await expect(refused).rejects.toMatchObject({ kind: 'refused', retryable: false });
    expect(seen.length).toBe(before);
    const response = await allowed().request({ url: `${base}/ok`, body: 'hello' });
    expect(response).toMatchObject({ status: 200, body: 'ok hello', truncated: false });
  });

  it('checks the resolved address at connect time: a public-looking name pointing inside is refused', async () => {
    const before = seen.length;
    const resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const client = new OutboundClient({ resolver });
    await expect(client.request({ url: `http://hooks.example.com:${port}/ok` })).rejects.toMatchObject({
      kind: 'refused',
      message: expect.stringMatching(/hooks\.example\.com resolves to 127\.0\.0\.1: .*loopback/),
    });
    // One public and one inner answer (a rebinding trick): refused as a whole.
    const mixed = new OutboundClient({ resolver: async () => [{ address: '93.184.215.14', family: 4 }, { address: '10.0.0.1', family: 4 }] });
    await expect(mixed.request({ url: 'http://hooks.example.com/ok' })).rejects.toMatchObject({ kind: 'refused' });
    expect(seen.length).toBe(before);
  });

  it('connects to the address it checked (allow-listed name resolving through the fake resolver)', async () => {
    const client = new OutboundClient({ allow: parseAllowList('receiver.test'), resolver: async () => [{ address: '127.0.0.1', family: 4 }] });
    const response = await client.request({ url: `http://receiver.test:${port}/ok`, body: 'via name' });
    expect(response.body).toBe('ok via name');
  });

  it('returns redirects without following them; send() treats them as failures', async () => {
    const response = await allowed().request({ url: `${base}/redirect-in` });
    expect(response.status).toBe(307);
    await expect(allowed().send({ url: `${base}/redirect-in` })).rejects.toMatchObject({ kind: 'redirect', retryable: false });
  });

  it('follows redirects only when asked, checking every hop', async () => {
    const followed = await allowed().request({ url: `${base}/redirect-in`, body: 'kept', followRedirects: 2 });
    expect(followed).toMatchObject({ status: 200, body: 'ok kept', url: `${base}/ok` });
    await expect(allowed().request({ url: `${base}/redirect-out`, followRedirects: 2 })).rejects.toMatchObject({
      kind: 'refused',
      message: expect.stringMatching(/metadata/),
    });
  });

  it('bounds the response body and the time', async () => {
    const big = await allowed().request({ url: `${base}/big`, maxResponseBytes: 1000 });
    expect(big.body.length).toBe(1000);
    expect(big.truncated).toBe(true);
    await expect(allowed().request({ url: `${base}/slow`, timeoutMs: 200 })).rejects.toMatchObject({ kind: 'timeout', retryable: true });
  });

  it('retries 5xx with back-off in send(), but not 4xx', async () => {
    flaky = 0;
    const response = await allowed().send({ url: `${base}/flaky` }, { attempts: 3, baseMs: 5, maxMs: 10 });
    expect(response.status).toBe(200);
    const error = await allowed().send({ url: `${base}/bad` }, { attempts: 3, baseMs: 5, maxMs: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundError);
    expect(error).toMatchObject({ kind: 'http', status: 400, retryable: false, message: 'HTTP 400: bad request body' });
  });

  it('reports a closed port as a retryable network failure', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(allowed().request({ url: `http://127.0.0.1:${closedPort}/` })).rejects.toMatchObject({ kind: 'network', retryable: true });
  });

  it('resolves raw socket destinations to a checked address', async () => {
    const client = new OutboundClient({ resolver: async () => [{ address: '10.1.2.3', family: 4 }] });
    await expect(client.resolveSocket('siem.example.com', 514)).rejects.toMatchObject({ kind: 'refused' });
    const ok = new OutboundClient({ resolver: async () => [{ address: '93.184.215.14', family: 4 }] });
    await expect(ok.resolveSocket('siem.example.com', 514)).resolves.toEqual({ address: '93.184.215.14', family: 4, port: 514 });
  });
});
