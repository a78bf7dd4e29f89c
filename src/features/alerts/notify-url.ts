/** The Alerts view's notification tabs in the URL, and the "silence this" link. */

export type NotifyTab = 'channels' | 'silences' | 'deliveries';
export const NOTIFY_TABS: readonly NotifyTab[] = ['channels', 'silences', 'deliveries'];

export interface SilencePrefill {
  matchers: Array<{ label: string; value: string }>;
}

const LABEL = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

/** `matcher=label=value`, repeatable: what "silence this" on an alert event opens with. */
export function readSilencePrefill(params: URLSearchParams): SilencePrefill | null {
  const matchers = params
    .getAll('matcher')
    .map((raw) => {
      const at = raw.indexOf('=');
      return at > 0 ? { label: raw.slice(0, at), value: raw.slice(at + 1, at + 257) } : null;
    })
    .filter((m): m is { label: string; value: string } => m !== null && LABEL.test(m.label))
    .slice(0, 20);
  return matchers.length ? { matchers } : null;
}

/** Link to the silence form filled with an alert's labels (for the alert events list). */
export function silenceThisLink(labels: Record<string, string>): string {
  const params = new URLSearchParams({ tab: 'silences' });
  for (const [label, value] of Object.entries(labels)) if (LABEL.test(label)) params.append('matcher', `${label}=${value}`);
  return `/alerts?${params.toString()}`;
}
