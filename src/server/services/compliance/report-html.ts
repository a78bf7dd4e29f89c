/** The human-readable report inside an evidence pack: static HTML, every value escaped, no scripts. */
import type { PackInput } from './evidence-pack.ts';
import { iso } from './model.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

const LABEL = { pass: 'Pass', warn: 'Warning', fail: 'Fail', not_evaluable: 'Not evaluable' } as const;

export function renderReport(input: Pick<PackInput, 'status' | 'from' | 'to' | 'generatedAt' | 'generatedBy' | 'vigilVersion'>): string {
  const { status } = input;
  const e = escapeHtml;
  const controls = status.controls
    .map((c) => `<tr><td>${e(c.id)}</td><td>${e(c.title)}</td><td class="${c.status}">${LABEL[c.status]}</td><td>${c.since === null ? '' : e(iso(c.since))}</td><td>${e(c.checks.join(', '))}</td></tr>`)
    .join('\n');
  const checks = status.checks
    .map((check) => `<section><h3>${e(check.title)}: <span class="${check.status}">${LABEL[check.status]}</span></h3><p>${e(check.summary)}</p>${check.since === null ? '' : `<p>Since ${e(iso(check.since))}</p>`}
<ul>${check.evidence.map((item) => `<li><b>${e(item.label)}</b>: ${e(item.value)}${item.status ? ` (${LABEL[item.status]})` : ''}</li>`).join('')}</ul>${check.evidenceTruncated ? '<p>Evidence list cut to its bound; the JSON file holds the same list.</p>' : ''}</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${e(status.framework.name)} evidence report</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f24}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccd;padding:4px 8px;text-align:left;vertical-align:top}
.pass{color:#116329}.warn{color:#7d4e00}.fail{color:#a40e26;font-weight:600}.not_evaluable{color:#57606a}section{break-inside:avoid;margin-top:1.2rem}</style></head>
<body><h1>${e(status.framework.name)}: compliance evidence</h1>
<p>Period ${e(iso(input.from))} to ${e(iso(input.to))}. Generated ${e(iso(input.generatedAt))} by ${e(input.generatedBy)} with Vigil ${e(input.vigilVersion)}.</p>
<p><b>Score: ${status.score === null ? 'not evaluable' : `${status.score}%`}</b> (${status.counts.pass} controls pass, ${status.counts.warn} warn, ${status.counts.fail} fail, ${status.counts.not_evaluable} not evaluable).</p>
<h2>Controls</h2><table><thead><tr><th>Control</th><th>Title</th><th>Status</th><th>Since</th><th>Checks</th></tr></thead><tbody>
${controls}
</tbody></table>
<h2>Checks and evidence</h2>
${checks}
</body></html>
`;
}
