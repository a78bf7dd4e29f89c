// The built SPA as the server hands it out: real files in a temporary dist folder.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let dist: string;

beforeAll(async () => {
  dist = await mkdtemp(path.join(os.tmpdir(), 'vigil-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>Vigil</title>');
  await writeFile(path.join(dist, 'assets', 'index-1a2b3c.js'), 'console.log(1)');
  await writeFile(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  t = await createTestApp({ distDir: dist });
});

afterAll(async () => {
  await t.close();
  await rm(dist, { recursive: true, force: true });
});

describe('static files', () => {
  it('answers a missing asset with 404, never with index.html or a long cache', async () => {
    for (const url of ['/assets/index-deadbeef.js', '/assets/missing.css', '/mockServiceWorker.js', '/favicon.ico']) {
      const response = await t.app.request(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-type') ?? '', url).not.toMatch(/text\/html/);
      expect(response.headers.get('cache-control') ?? '', url).not.toMatch(/immutable/);
    }
  });

  it('caches hashed assets for a year and every HTML answer not at all', async () => {
    const asset = await t.app.request('/assets/index-1a2b3c.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/index.html', '/search', '/audit/trace-1?range=7d']) {
      const page = await t.app.request(url);
      expect(page.status, url).toBe(200);
      expect(page.headers.get('content-type'), url).toMatch(/text\/html/);
      expect(page.headers.get('cache-control'), url).toBe('no-cache');
    }
    expect((await t.app.request('/favicon.svg')).status).toBe(200);
  });
});
