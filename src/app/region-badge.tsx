import { useQuery } from '@tanstack/react-query';
import type { Health } from '../contract/schemas/health.ts';
import { overviewQueries } from '../features/overview/api.ts';

/** How often the header asks which region serves (health is cheap: it does not call OTC). */
const POLL_MS = 10_000;

/** The header's words for the store's regions: null while the primary serves (or there are no regions). */
export function regionBadge(health: Health | undefined): { text: string; title: string; tone: 'warning' | 'danger' } | null {
  const regions = health?.store.regions;
  if (!regions || regions.length === 0) return null;
  const primary = regions.find((r) => r.primary);
  const serving = regions.find((r) => r.serving);
  if (regions.every((r) => r.circuit === 'open')) {
    return { text: 'OTC unavailable', title: `No region answers: ${regions.map((r) => `${r.name}: ${r.lastError ?? 'down'}`).join('; ')}`, tone: 'danger' };
  }
  if (!serving || serving.primary) return null;
  return {
    text: `Failover: ${serving.name}`,
    title: `Reads go to ${serving.name} because the primary region ${primary?.name ?? ''} failed${primary?.lastError ? ` (${primary.lastError})` : ''}. Vigil fails back when it answers again.`,
    tone: 'warning',
  };
}

/** Shown in the header while Vigil runs on a secondary OTC region (or on none). */
export function RegionBadge() {
  const health = useQuery({ ...overviewQueries.health(), refetchInterval: POLL_MS });
  const badge = regionBadge(health.data);
  if (!badge) return null;
  return (
    <span className={`app__region app__region--${badge.tone}`} role="status" title={badge.title} data-testid="region-badge">
      {badge.text}
    </span>
  );
}
