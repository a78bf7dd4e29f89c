// Each channel kind against a real local receiver: an SMTP server reading the message, an HTTP
// receiver checking the webhook signature, the chat payloads and the SMN AK/SK signature.
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowList } from '../../../outbound/address-policy.ts';
import { OutboundClient } from '../../../outbound/client.ts';
import type { StoredChannel } from '../../../state/notify-channels.ts';
import { verifyRequest } from '../../../storage/otc/signing.ts';
import { DEFAULT_TEMPLATE, sampleContent } from '../message.ts';
import { startReceiver, type TestReceiver } from '../test-receiver.ts';
import { createChannelSender } from './channel-sender.ts';

let receiver: TestReceiver;
let smtp: SMTPServer;
let smtpPort: number;
const mails: Array<{ from: string; to: string[]; raw: string; user?: string }> = [];

beforeAll(async () => {
  receiver = await startReceiver();
  smtp = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, callback) {
      if (auth.username === 'vigil' && auth.password === 'smtp-pass') callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          ...(session.user ? { user: String(session.user) } : {}),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await receiver.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const client = new OutboundClient({ allow: parseAllowList('127.0.0.1'), timeoutMs: 3000 });
const send = createChannelSender({ client, publicUrl: 'https://vigil.example', now: () => Date.now() });
const content = sampleContent(Date.UTC(2026, 10, 25, 2, 16));

function channel(partial: Pick<StoredChannel, 'kind' | 'settings'> & Partial<StoredChannel>): StoredChannel {
  return { id: '6a1f8f0e-0000-4000-8000-000000000001', name: 'ops', enabled: true, secrets: {}, template: DEFAULT_TEMPLATE, createdBy: 't', createdAt: 0, updatedBy: 't', updatedAt: 0, ...partial };
}

describe('channel senders', () => {
  it('e-mail: a real SMTP server receives the rendered message with auth, idempotency key and stable Message-ID', async () => {
    const email = channel({
      kind: 'email',
      settings: { kind: 'email', host: '127.0.0.1', port: smtpPort, security: 'none', username: 'vigil', from: 'vigil@example.com', to: ['oncall@example.com', 'sec@example.com'] },
      secrets: { password: 'smtp-pass' },
    });
    const detail = await send(email, content);
    expect(detail).toMatch(/accepted by 127\.0\.0\.1/);
    const mail = mails.at(-1)!;
    expect(mail).toMatchObject({ from: 'vigil@example.com', to: ['oncall@example.com', 'sec@example.com'], user: 'vigil' });
    expect(mail.raw).toMatch(/^Subject: \[FIRING\] SSH brute force \(sample\) \(major, 1 alert\(s\)\)/m);
    expect(mail.raw).toContain(`X-Vigil-Idempotency-Key: ${content.idempotencyKey}`);
    expect(mail.raw).toContain(`Message-ID: <${content.idempotencyKey}.${email.id}@vigil>`);
    // The text part is quoted-printable: decode it to read what the recipient sees.
    const text = mail.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    expect(text).toContain('value 360 (threshold 20)');
    expect(text).toContain('https://vigil.example/search?q=%22Failed%20password%22');
  });

  it('e-mail: a refused login is a permanent failure; an inner relay off the allow list is refused', async () => {
    const bad = channel({
      kind: 'email',
      settings: { kind: 'email', host: '127.0.0.1', port: smtpPort, security: 'none', username: 'vigil', from: 'vigil@example.com', to: ['a@example.com'] },
      secrets: { password: 'wrong' },
    });
    await expect(send(bad, content)).rejects.toMatchObject({ retryable: false, message: expect.stringMatching(/535|EAUTH/) });
    const strict = createChannelSender({ client: new OutboundClient(), publicUrl: 'https://vigil.example' });
    await expect(strict({ ...bad, secrets: { password: 'smtp-pass' } }, content)).rejects.toMatchObject({ kind: 'refused' });
  });

  it('webhook: Alertmanager body with an X-Vigil-Signature HMAC the receiver can verify', async () => {
    const hook = channel({ kind: 'webhook', settings: { kind: 'webhook', url: `${receiver.url}/alertmanager` }, secrets: { secret: 'hook-secret' } });
    await send(hook, content);
    const request = receiver.received.at(-1)!;
    const expected = `sha256=${createHmac('sha256', 'hook-secret').update(request.body).digest('hex')}`;
    expect(request.headers['x-vigil-signature']).toBe(expected);
    expect(request.headers['idempotency-key']).toBe(content.idempotencyKey);
    expect(request.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({ version: '4', status: 'firing', receiver: 'ops', groupLabels: { sourceIp: '185.220.101.47' } });
    expect(body.alerts[0]).toMatchObject({ status: 'firing', fingerprint: 'sample-event', labels: { alertname: 'SSH brute force (sample)' } });
    // A tampered body no longer matches.
    expect(createHmac('sha256', 'hook-secret').update(request.body + ' ').digest('hex')).not.toBe(expected.slice(7));
  });

  it('webhook: a 5xx is retryable, a 4xx is not, a redirect is not followed', async () => {
    const hook = channel({ kind: 'webhook', settings: { kind: 'webhook', url: `${receiver.url}/x` } });
    receiver.respond = () => 503;
    await expect(send(hook, content)).rejects.toMatchObject({ retryable: true, status: 503 });
    receiver.respond = () => 404;
    await expect(send(hook, content)).rejects.toMatchObject({ retryable: false, status: 404 });
    receiver.respond = () => 302;
    await expect(send(hook, content)).rejects.toMatchObject({ kind: 'redirect' });
    receiver.respond = () => 200;
  });

  it('chat: Slack-compatible text and a Teams Adaptive Card go to the secret URL', async () => {
    await send(channel({ kind: 'slack', settings: { kind: 'slack', urlHint: '' }, secrets: { url: `${receiver.url}/slack/T000/B000/xyz` } }), content);
    const slack = receiver.received.at(-1)!;
    expect(slack.url).toBe('/slack/T000/B000/xyz');
    expect(JSON.parse(slack.body).text).toMatch(/^\*\[FIRING\] SSH brute force/);
    await send(channel({ kind: 'teams', settings: { kind: 'teams', urlHint: '' }, secrets: { url: `${receiver.url}/teams/workflow` } }), content);
    const teams = JSON.parse(receiver.received.at(-1)!.body);
    expect(teams.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(teams.attachments[0].content.body[0].text).toMatch(/FIRING/);
  });

  it('SMN: publishes subject and message to the topic, signed with AK/SK (verified like OTC does)', async () => {
    const topicUrn = 'urn:smn:eu-de:0123456789abcdef:vigil-alerts';
    const smn = channel({
      kind: 'smn',
      settings: { kind: 'smn', endpoint: receiver.url, projectId: '0123456789abcdef', topicUrn, accessKeyHint: 'AKIA…' },
      secrets: { accessKey: 'AKIAVIGILTEST0001', secretKey: 'smn-secret-key' },
    });
    await send(smn, content);
    const request = receiver.received.at(-1)!;
    expect(request.url).toBe(`/v2/0123456789abcdef/notifications/topics/${topicUrn}/publish`);
    expect(JSON.parse(request.body)).toMatchObject({ subject: expect.stringMatching(/FIRING/), message: expect.stringContaining('360') });
    const headers = new Headers(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
    const verdict = verifyRequest(
      { method: 'POST', url: `${receiver.url}${request.url}`, headers, body: request.body },
      (ak) => (ak === 'AKIAVIGILTEST0001' ? 'smn-secret-key' : null),
      new Date(),
    );
    expect(verdict).toMatchObject({ ok: true });
  });
});
