import type { Context } from 'hono';
import type { z } from 'zod';
import type { InputIssue } from '../../contract/index.ts';
import { HttpError } from './http-error.ts';

/** Query parameters as a record: a repeated parameter becomes an array, a single one a string. */
export function queryRecord(c: Context): Record<string, string | string[]> {
  const all = c.req.queries();
  const record: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(all)) {
    record[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return record;
}

/** Reads and parses a JSON body; malformed JSON is a 400 that says where. */
export async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  const text = await c.req.text();
  if (text.trim() === '') return {};
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new HttpError('bad_request', 'request body must be JSON (Content-Type: application/json)');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError('invalid_json', `malformed JSON: ${(error as Error).message}`, {
      position: jsonErrorPosition(error as Error, text),
    });
  }
}

/** Character offset of a JSON.parse error, from V8's message ("at position N" or line/column). */
export function jsonErrorPosition(error: Error, text: string): number | undefined {
  const position = /at position (\d+)/.exec(error.message);
  if (position) return Number(position[1]);
  const lineColumn = /line (\d+) column (\d+)/.exec(error.message);
  if (lineColumn) {
    const lines = text.split('\n').slice(0, Number(lineColumn[1]) - 1);
    return lines.reduce((sum, line) => sum + line.length + 1, 0) + Number(lineColumn[2]) - 1;
  }
  if (/Unexpected end of JSON input/.test(error.message)) return text.length;
  return undefined;
}

/** Validates one part of the input; a failure is a 400 listing each problem with its field path. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, part: 'params' | 'query' | 'body'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues: InputIssue[] = result.error.issues.map((issue) => ({
    path: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new HttpError('validation_failed', `invalid ${part}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, {
    issues,
  });
}
