/** The overview's view state: a text filter over log group and stream names (`?filter=sshd`). */
export interface OverviewState {
  filter: string;
}

export function readOverviewState(params: URLSearchParams): OverviewState {
  return { filter: params.get('filter') ?? '' };
}

export function writeOverviewState(params: URLSearchParams, state: OverviewState): URLSearchParams {
  const next = new URLSearchParams(params);
  if (state.filter.trim() === '') next.delete('filter');
  else next.set('filter', state.filter);
  return next;
}
