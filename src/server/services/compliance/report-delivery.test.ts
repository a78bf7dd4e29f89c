// Scheduled evidence packs end to end against a real SMTP server: the due schedule becomes an
// outbox row, the notifier sends it to the schedule's recipient with the pack attached, and the
// pack verifies with the same function as `vigil evidence verify`. Without an e-mail channel the
// run says so; a relay that is down leaves the pack pending with the error; an oversized pack
// fails with the reason.
import { mkdtemp, rm } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../logger.ts';
import { parseAllowList } from '../../outbound/address-policy.ts';
import { OutboundClient } from '../../outbound/client.ts';
import { NEVER_SEEN_IP, seedDemoData } from '../../seed/index.ts';
import { TEAM } from '../../seed/actors.ts';
import { openState, type VigilState } from '../../state/index.ts';
import { openStore } from '../../storage/index.ts';
import type { SearchableStore } from '../../storage/ports.ts';
import { Pseudonymizer } from '../../traces/pseudonyms.ts';
import { Notifier } from '../notify/notifier.ts';
import { createChannelSender } from '../notify/senders/channel-sender.ts';
import { alertRulesSource, deliverySource } from './alerting-sources.ts';
import { createReportMailer } from './report-mailer.ts';
import { NOT_CONFIGURED, ReportScheduler } from './report-scheduler.ts';
import { ComplianceRunner } from './runner.ts';
import { loadSigningKey } from './signing-key.ts';
import { verifyEvidencePack } from './verify-pack.ts';

const NOW = Date.UTC(2026, 10, 20, 12, 0); // a Friday
const FIRST_RUN = Date.UTC(2026, 10, 23, 6, 0); // the Monday after, 06:00 UTC
let clock = NOW;
let dir: string;
let store: SearchableStore;
let state: VigilState;
let smtp: SMTPServer;
let smtpPort = 0;
const mails: Array<{ to: string[]; raw: string }> = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vigil-report-'));
  store = await openStore({ kind: 'embedded', dataDir: dir, logger: silentLogger });
  await seedDemoData(store, { lines: 5_000, days: 30, seed: 7, now: NOW });
  state = openState(dir, () => clock);
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
}, 60_000);
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  state.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const pseudonyms = new Pseudonymizer(Buffer.alloc(32, 7));

function parts(maxBytes?: number) {
  const runner = new ComplianceRunner({ store, audit: state.audit, tokens: state.tokens, compliance: state.compliance, alertRules: alertRulesSource(state.alertRules), deliveries: deliverySource(state.outbox), now: () => clock });
  const report = createReportMailer({
    runner, compliance: state.compliance, mask: { user: (v) => pseudonyms.user(v), ip: (v) => pseudonyms.ip(v) }, signingKey: () => loadSigningKey(dir),
    version: 'test', publicUrl: 'https://vigil.example', now: () => clock, ...(maxBytes ? { maxBytes } : {}),
  });
  const send = createChannelSender({ client: new OutboundClient({ allow: parseAllowList('127.0.0.1'), timeoutMs: 3000 }), publicUrl: 'https://vigil.example', report });
  const notifier = new Notifier({ outbox: state.outbox, channels: state.channels, silences: state.silences, send, logger: silentLogger, publicUrl: 'https://vigil.example', now: () => clock });
  const scheduler = new ReportScheduler({ compliance: state.compliance, channels: state.channels, outbox: state.outbox, audit: state.audit, now: () => clock });
  return { notifier, scheduler };
}

function emailChannel(name: string, port: number) {
  return state.channels.create(
    { name, enabled: true, settings: { kind: 'email', host: '127.0.0.1', port, security: 'none', from: 'vigil@example.com', to: ['oncall@example.com'] }, secrets: {}, template: { title: 't', body: 'b' } },
    'admin',
  );
}

/** The attachment of a multipart MIME message (base64, as nodemailer writes it). */
function attachment(raw: string): Uint8Array {
  const boundary = /boundary="?([^";\r\n]+)"?/.exec(raw)?.[1];
  if (!boundary) throw new Error('not multipart');
  const part = raw.split(`--${boundary}`).find((p) => /Content-Type: application\/zip/i.test(p));
  if (!part) throw new Error('no zip part');
  const body = part.slice(part.search(/\r?\n\r?\n/)).replace(/\s+/g, '');
  return new Uint8Array(Buffer.from(body, 'base64'));
}

describe('scheduled evidence packs', () => {
  it('says "delivery not configured" when no e-mail channel exists, records it and moves on', () => {
    const schedule = state.compliance.addSchedule({ framework: 'gdpr', cadence: 'weekly', recipient: 'dpo@example.com' }, 'Mia Manager');
    expect(schedule.nextRunAt).toBe(FIRST_RUN);
    const { scheduler } = parts();
    expect(scheduler.tick()).toBe(0); // not due yet
    clock = FIRST_RUN + 60_000;
    expect(scheduler.tick()).toBe(0);
    const after = state.compliance.schedules().find((s) => s.id === schedule.id)!;
    expect(after).toMatchObject({ lastRunAt: clock, lastError: NOT_CONFIGURED, nextRunAt: FIRST_RUN + 7 * 86_400_000, lastOutboxSeq: null });
    const audit = state.audit.list({ actions: ['sendComplianceReport'], limit: 5 }).records;
    expect(audit[0]).toMatchObject({ code: '503', resource_id: schedule.id });
    state.compliance.removeSchedule(schedule.id);
  });

  it('sends the pack once through the outbox to the recipient, and the pack verifies', async () => {
    clock = NOW;
    const channel = emailChannel('mail relay', smtpPort);
    const schedule = state.compliance.addSchedule({ framework: 'iso27001', cadence: 'weekly', recipient: 'auditor@example.com' }, 'Mia Manager');
    const { scheduler, notifier } = parts();
    clock = FIRST_RUN + 60_000;
    expect(scheduler.tick()).toBe(1);
    expect(scheduler.tick()).toBe(0); // the run is recorded with the row: no second pack
    const stored = state.compliance.schedules().find((s) => s.id === schedule.id)!;
    expect(stored.lastPeriod).toEqual({ from: Date.UTC(2026, 10, 16), to: Date.UTC(2026, 10, 23) });
    expect(stored.lastError).toBeNull();

    const before = mails.length;
    expect(await notifier.sendDue()).toBe(1);
    expect(mails.length).toBe(before + 1);
    const mail = mails.at(-1)!;
    expect(mail.to).toEqual(['auditor@example.com']);
    expect(mail.raw).toContain('Subject: Vigil compliance report: ISO/IEC 27001');
    const result = verifyEvidencePack(attachment(mail.raw), loadSigningKey(dir).publicKeyPem);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.manifest?.period).toMatchObject({ from: Date.UTC(2026, 10, 16), to: Date.UTC(2026, 10, 23) });
    expect(result.manifest?.framework.id).toBe('iso27001');
    // The recipient is no Vigil user: no real name or address in the mail or the pack.
    const packText = Object.values(unzipSync(attachment(mail.raw))).map((f) => strFromU8(f)).join('\n');
    expect(packText).toMatch(/user-[0-9a-f]{8}/);
    for (const secret of [...TEAM.map((m) => m.name), NEVER_SEEN_IP, 'Mia Manager']) {
      expect(mail.raw).not.toContain(secret);
      expect(packText).not.toContain(secret);
    }
    const row = state.outbox.get(stored.lastOutboxSeq!)!;
    expect(row).toMatchObject({ status: 'delivered', reason: 'report', channel_id: channel.id });
    // Reports are not alert notifications: the Monitoring check does not count them.
    expect(state.outbox.countsBetween(0, clock + 1).delivered ?? 0).toBe(0);
    state.compliance.removeSchedule(schedule.id);
    state.channels.delete(channel.id);
  });

  it('keeps the pack pending with the error while the relay is down', async () => {
    clock = NOW;
    const closed = await new Promise<number>((resolve) => {
      const probe = net.createServer();
      probe.listen(0, '127.0.0.1', () => {
        const port = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(port));
      });
    });
    const channel = emailChannel('dead relay', closed);
    const schedule = state.compliance.addSchedule({ framework: 'c5', cadence: 'monthly', recipient: 'auditor@example.com' }, 'Mia Manager');
    const { scheduler, notifier } = parts();
    clock = Date.UTC(2026, 11, 1, 6, 1);
    expect(scheduler.tick()).toBe(1);
    await notifier.sendDue();
    const row = state.outbox.get(state.compliance.schedules().find((s) => s.id === schedule.id)!.lastOutboxSeq!)!;
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/ECONNREFUSED|ESOCKET|connect/i);
    state.compliance.removeSchedule(schedule.id);
    state.channels.delete(channel.id);
  });

  it('fails a pack over the attachment limit with the reason, without retrying', async () => {
    clock = NOW;
    const channel = emailChannel('small relay', smtpPort);
    const schedule = state.compliance.addSchedule({ framework: 'gdpr', cadence: 'weekly', recipient: 'auditor@example.com' }, 'Mia Manager');
    const { scheduler, notifier } = parts(2_000);
    clock = FIRST_RUN + 120_000;
    expect(scheduler.tick()).toBe(1);
    const before = mails.length;
    await notifier.sendDue();
    const row = state.outbox.get(state.compliance.schedules().find((s) => s.id === schedule.id)!.lastOutboxSeq!)!;
    expect(row.status).toBe('failed');
    expect(row.last_error).toMatch(/exceeds 2000 bytes.*attachment/);
    expect(mails.length).toBe(before);
    state.compliance.removeSchedule(schedule.id);
    state.channels.delete(channel.id);
  });
});
