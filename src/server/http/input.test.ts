import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error.ts';
import { jsonBody, jsonErrorPosition } from './input.ts';

function appEchoingJson() {
  const app = new Hono();
  app.post('/echo', async (c) => c.json({ body: await jsonBody(c) }));
  app.onError((error, c) => (error instanceof HttpError ? c.json(error.toEnvelope(), error.status as 400) : c.text('boom', 500)));
  return app;
}

describe('JSON bodies', () => {
  it('says where malformed JSON breaks', async () => {
    const response = await appEchoingJson().request('/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": "x",, "b": 1}',
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string; details: { position: number } } };
    expect(error.code).toBe('invalid_json');
    expect(error.details.position).toBe(13);
    expect(error.message).toMatch(/malformed JSON/);
  });

  it('refuses a body that is not JSON', async () => {
    const response = await appEchoingJson().request('/echo', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(response.status).toBe(400);
  });

  it('finds positions from line/column messages and truncated input', () => {
    expect(jsonErrorPosition(new Error('Unexpected token (line 2 column 3)'), '{\n  x}')).toBe(4);
    expect(jsonErrorPosition(new Error('Unexpected end of JSON input'), '{"a":')).toBe(5);
  });
});
