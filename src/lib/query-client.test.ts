import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.ts';
import { shouldRetry } from './query-client.ts';

describe('shouldRetry', () => {
  it('does not retry what the server refused or a broken answer', () => {
    expect(shouldRetry(0, new ApiError({ status: 401, code: 'unauthenticated', message: '' }))).toBe(false);
    expect(shouldRetry(0, new ApiError({ status: 404, code: 'not_found', message: '' }))).toBe(false);
    expect(shouldRetry(0, new ApiError({ status: 200, code: 'invalid_response', message: '' }))).toBe(false);
  });

  it('retries network trouble and server errors twice', () => {
    const error = new ApiError({ status: 503, code: 'unavailable', message: '' });
    expect(shouldRetry(0, error)).toBe(true);
    expect(shouldRetry(1, error)).toBe(true);
    expect(shouldRetry(2, error)).toBe(false);
    expect(shouldRetry(0, new ApiError({ status: 0, code: 'network_error', message: '' }))).toBe(true);
  });
});
