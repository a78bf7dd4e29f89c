/**
 * Request bodies of the ingest endpoints: read up to a limit (then 413), gunzipped with a bound
 * on the inflated size (a small gzip bomb cannot fill memory).
 */
import { gunzipSync } from 'node:zlib';

export class BodyError extends Error {
  readonly status: 400 | 413 | 415;
  constructor(status: 400 | 413 | 415, message: string) {
    super(message);
    this.status = status;
  }
}

export async function readBody(request: Request, maxBytes: number, maxInflatedBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new BodyError(413, `request body of ${declared} bytes exceeds ${maxBytes} bytes`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new BodyError(413, `request body exceeds ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  }
  const raw = Buffer.concat(chunks);
  const encoding = (request.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return raw;
  if (encoding !== 'gzip') throw new BodyError(415, `Content-Encoding "${encoding.slice(0, 40)}" is not supported (gzip or none)`);
  try {
    return gunzipSync(raw, { maxOutputLength: maxInflatedBytes });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new BodyError(413, `gzip body inflates beyond ${maxInflatedBytes} bytes`);
    throw new BodyError(400, `invalid gzip body: ${(error as Error).message}`);
  }
}
