/**
 * The e-mail of a scheduled compliance report: the signed evidence pack of the schedule's period
 * as an attachment, and a plain-text summary.
 *
 * Why an attachment and not a download link: the pack exists to be checked offline, and an
 * attachment keeps it with the mail that announced it; a link would need an endpoint that hands
 * evidence to whoever holds the URL (forwarded mails, proxies' logs), reachable from the
 * recipient's network, and the pack would be gone when the link expires. Packs are small (tens of
 * kilobytes for 30 days, see `npm run bench`); one over MAX_ATTACHMENT_BYTES fails its delivery
 * with the reason rather than being cut. The recipient is no Vigil user, so people always appear
 * as pseudonyms in scheduled packs, whoever set the schedule up.
 */
import { OutboundError } from '../../outbound/client.ts';
import type { ComplianceState } from '../../state/compliance-state.ts';
import type { ReportRequest } from '../notify/message.ts';
import type { ReportMail } from '../notify/senders/channel-sender.ts';
import { frameworkById } from './catalogue.ts';
import { collectEvidencePack, PackTooLargeError, PUBLIC_KEY } from './evidence-pack.ts';
import type { Masker } from './facts.ts';
import type { ComplianceRunner } from './runner.ts';
import type { SigningKey } from './signing-key.ts';
import { frameworkStatus } from './status.ts';

/** Base64 makes 7 MB about 9.5 MB on the wire: under the 10 MB many relays accept. */
export const MAX_ATTACHMENT_BYTES = 7 * 1024 * 1024;

export interface ReportMailerDeps {
  runner: ComplianceRunner;
  compliance: ComplianceState;
  /** Pseudonyms: the recipient is outside Vigil's roles. */
  mask: Masker;
  signingKey: () => SigningKey;
  version: string;
  publicUrl: string;
  now?: () => number;
  maxBytes?: number;
}

const day = (t: number) => new Date(t).toISOString().slice(0, 10);
const STATUS_WORDS = { pass: 'pass', warn: 'warning', fail: 'FAIL', not_evaluable: 'not evaluable' } as const;

export function createReportMailer(deps: ReportMailerDeps): (report: ReportRequest) => Promise<ReportMail> {
  const now = deps.now ?? Date.now;
  const maxBytes = deps.maxBytes ?? MAX_ATTACHMENT_BYTES;
  return async (report) => {
    let framework;
    try {
      framework = frameworkById(report.framework);
    } catch {
      throw new OutboundError('refused', `unknown framework ${report.framework}`, { retryable: false });
    }
    const generatedAt = now();
    const checks = deps.runner.evaluate(await deps.runner.gather({ from: report.from, to: report.to }), deps.mask);
    const status = frameworkStatus(framework, checks, 'live', generatedAt);
    const key = deps.signingKey();
    const createdBy = deps.mask.user(report.createdBy);
    let zip: Uint8Array;
    try {
      zip = await collectEvidencePack({
        status, from: report.from, to: report.to, snapshots: deps.compliance.snapshots(report.from, report.to),
        generatedBy: `report schedule ${report.scheduleId} (set up by ${createdBy})`, generatedAt, vigilVersion: deps.version, key,
      }, maxBytes);
    } catch (error) {
      if (!(error instanceof PackTooLargeError)) throw error;
      // Retrying builds the same pack again: this will not get better on its own.
      throw new OutboundError('refused', `${error.message}, over the ${maxBytes} bytes an e-mail attachment may have: download it from Compliance instead`, { retryable: false });
    }
    const filename = `vigil-evidence-${framework.id}-${day(report.from)}-to-${day(report.to - 1)}.zip`;
    const counts = status.counts;
    const notPassing = status.controls.filter((c) => c.status !== 'pass');
    const text = [
      `Vigil compliance evidence pack: ${framework.name} (${framework.version})`,
      `Period: ${day(report.from)} to ${day(report.to - 1)} (UTC, whole days)`,
      `Score: ${status.score === null ? 'not evaluable' : `${Math.round(status.score)}%`} (controls: ${counts.pass ?? 0} pass, ${counts.warn ?? 0} warning, ${counts.fail ?? 0} fail, ${counts.not_evaluable ?? 0} not evaluable)`,
      '',
      notPassing.length === 0 ? 'Every control passes.' : 'Controls that do not pass:',
      ...notPassing.map((c) => `- ${c.id} ${c.title}: ${STATUS_WORDS[c.status]}`),
      '',
      `The attached ZIP (${zip.length} bytes) holds report.html, the evidence of every check (JSON and CSV) and the daily snapshots.`,
      `Its manifest is signed with this Vigil installation's Ed25519 key, fingerprint ${key.fingerprint}.`,
      'Verify it offline, against a copy of the key you trust:',
      `  vigil evidence verify ${filename} --key ${PUBLIC_KEY}`,
      `The key is published at ${deps.publicUrl}/api/compliance/signing-key (sign-in required).`,
      '',
      `People appear as pseudonyms. This ${report.cadence} report was set up by ${createdBy}; remove it in Vigil under Compliance, Report schedules.`,
    ].join('\n');
    return {
      subject: `Vigil compliance report: ${framework.name}, ${day(report.from)} to ${day(report.to - 1)}`,
      text,
      attachment: { filename, content: Buffer.from(zip), contentType: 'application/zip' },
    };
  };
}
