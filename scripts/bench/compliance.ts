/**
 * Compliance evaluation through the HTTP API, in process: a seeded demo tenant of N lines (a
 * tenth as CTS traces) and A records in Vigil's audit trail; status (every check evaluated live),
 * one check's detail and the signed evidence pack (whole, and to its first streamed byte), p50/p95
 * over RUNS; the e-mail of a weekly report schedule (pack built and attached); then offline verification.
 */
import { seedDemoData } from '../../src/server/seed/index.ts';
import { createReportMailer } from '../../src/server/services/compliance/report-mailer.ts';
import { ComplianceRunner } from '../../src/server/services/compliance/runner.ts';
import { loadSigningKey } from '../../src/server/services/compliance/signing-key.ts';
import { verifyEvidencePack } from '../../src/server/services/compliance/verify-pack.ts';
import { createTestApp } from '../../src/server/testing/test-app.ts';

export interface ComplianceBenchOptions {
  lines: number;
  auditRecords: number;
  runs: number;
  log: (message: string) => void;
}

export interface ComplianceBenchResult {
  lines: number;
  traces: number;
  auditRecords: number;
  runs: number;
  queries: { name: string; p50Ms: number; p95Ms: number; result: string }[];
  packBytes: number;
  verifyMs: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? 0;
}

export async function runComplianceBench(options: ComplianceBenchOptions): Promise<ComplianceBenchResult> {
  const t = await createTestApp();
  try {
    options.log(`compliance: seeding ${options.lines.toLocaleString('en')} lines and ${options.auditRecords.toLocaleString('en')} audit records…`);
    const seeded = await seedDemoData(t.store, { lines: options.lines });
    for (let i = 0; i < options.auditRecords; i++) {
      t.state.audit.append({ action: i % 3 ? 'searchLogs' : 'viewTrace', actor: { id: `u-${i % 40}`, name: `user ${i % 40}`, kind: 'user' }, sourceIp: '10.0.0.1', userAgent: 'bench', resource: { type: 'logs' }, code: 200 });
    }
    const { secret } = t.state.tokens.create({ name: 'bench', role: 'admin', expiresInDays: 1 }, 'bench');
    const get = (path: string) => t.app.request(path, { headers: { authorization: `Bearer ${secret}` } });
    const measure = async (name: string, path: string, describe: (response: Response) => Promise<string>) => {
      await (await get(path)).arrayBuffer();
      const times: number[] = [];
      let result = '';
      for (let run = 0; run < options.runs; run++) {
        const started = performance.now();
        const response = await get(path);
        result = await describe(response);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      return { name, p50Ms: percentile(times, 0.5), p95Ms: percentile(times, 0.95), result };
    };
    let pack = new Uint8Array();
    const queries = [
      await measure('status (8 checks, live)', '/api/compliance/status?framework=iso27001', async (r) => {
        const body = (await r.json()) as { score: number | null; counts: Record<string, number> };
        return `score ${body.score}%, ${JSON.stringify(body.counts)}`;
      }),
      await measure('check detail', '/api/compliance/checks/incident-handling', async (r) => `${((await r.json()) as { check: { evidence: unknown[] } }).check.evidence.length} evidence items`),
      await measure('evidence pack (30 days)', '/api/compliance/evidence?framework=c5', async (r) => {
        pack = new Uint8Array(await r.arrayBuffer());
        return `${(pack.length / 1024).toFixed(1)} KB zip`;
      }),
      await measure('evidence pack, first byte', '/api/compliance/evidence?framework=c5', async (r) => {
        const reader = r.body!.getReader();
        const first = await reader.read();
        await reader.cancel();
        return `first chunk ${first.value?.length ?? 0} bytes`;
      }),
    ];
    // The scheduled report: the same pack for the week before, built and attached as the sender does.
    const runner = new ComplianceRunner({ store: t.store, audit: t.state.audit, tokens: t.state.tokens, compliance: t.state.compliance });
    const mail = createReportMailer({ runner, compliance: t.state.compliance, mask: { user: (v) => `u-${v.length}`, ip: () => 'ip' }, signingKey: () => loadSigningKey(t.dataDir), version: 'bench', publicUrl: 'http://bench' });
    const mailTimes: number[] = [];
    let attached = 0;
    for (let run = 0; run < options.runs; run++) {
      const begun = performance.now();
      const built = await mail({ scheduleId: 'bench', framework: 'iso27001', cadence: 'weekly', recipient: 'a@example.com', from: Date.now() - 7 * 86_400_000, to: Date.now(), createdBy: 'bench' });
      mailTimes.push(performance.now() - begun);
      attached = built.attachment.content.length;
    }
    mailTimes.sort((a, b) => a - b);
    queries.push({ name: 'report e-mail (weekly pack)', p50Ms: percentile(mailTimes, 0.5), p95Ms: percentile(mailTimes, 0.95), result: `${(attached / 1024).toFixed(1)} KB attachment` });
    const started = performance.now();
    const verified = verifyEvidencePack(pack);
    const verifyMs = performance.now() - started;
    if (!verified.ok) throw new Error(`evidence pack did not verify: ${verified.problems.join('; ')}`);
    return { lines: seeded.lines, traces: seeded.traces, auditRecords: options.auditRecords, runs: options.runs, queries, packBytes: pack.length, verifyMs };
  } finally {
    await t.close();
  }
}
