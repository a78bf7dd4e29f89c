import { describe, expect, it } from 'vitest';
import { isSecretKey, redactBody, redactText } from './redact.ts';

describe('redaction', () => {
  it('knows secret keys in their usual spellings, and leaves ids alone', () => {
    for (const key of ['password', 'newPassword', 'db_user_pwd', 'X-Auth-Token', 'x_subject_token', 'Authorization', 'client_secret', 'secret_key', 'apiKey', 'plain_text', 'private_key', 'Cookie', 'sk'])
      expect(isSecretKey(key), key).toBe(true);
    for (const key of ['name', 'access', 'key_id', 'token_type', 'user_id', 'disk', 'passthrough', 'description'])
      expect(isSecretKey(key), key).toBe(false);
  });

  it('walks JSON: secrets under secret keys go, structure and other values stay', () => {
    const found: string[] = [];
    const body = JSON.stringify({ user: { name: 'ops', password: 'p', password_expires_at: null }, token: { expires_at: '2026' }, items: [{ secret: 's' }] });
    expect(JSON.parse(redactBody(body, 'request', found))).toEqual({
      user: { name: 'ops', password: '[REDACTED]', password_expires_at: null },
      token: { expires_at: '2026' },
      items: [{ secret: '[REDACTED]' }],
    });
    expect(found).toEqual(['request.user.password', 'request.items[0].secret']);
  });

  it('leaves a body without secrets byte for byte', () => {
    const found: string[] = [];
    const body = '{ "server": { "name": "web-01" } }';
    expect(redactBody(body, 'request', found)).toBe(body);
    expect(found).toEqual([]);
  });

  it('cleans free text: schemes, JWTs, private keys, key=value pairs', () => {
    const text = [
      'Authorization: Bearer abcdefghijklmnop',
      'jwt eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcHMifQ.c2lnbmF0dXJl',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----',
      'mysql --password=s3cr3t -u root',
      "{'api_key': 'k-123'}",
    ].join('\n');
    const { text: clean, changed } = redactText(text);
    expect(changed).toBe(true);
    for (const secret of ['abcdefghijklmnop', 'eyJzdWIiOiJvcHMifQ', 'MIIEow', 's3cr3t', 'k-123']) expect(clean).not.toContain(secret);
    expect(clean).toContain('-u root');
  });
});
