/**
 * Where to search: whole log groups and single streams (`group/stream`), as the picker and the
 * stream facet edit them and as the URL carries them. An empty selection searches everything.
 */
import type { LogGroup } from '../../contract/schemas/log-groups.ts';

export interface StreamSelection {
  groups: readonly string[];
  /** `group/stream` */
  streams: readonly string[];
}

export const streamRef = (group: string, stream: string) => `${group}/${stream}`;

export function splitRef(ref: string): { group: string; stream: string } {
  const slash = ref.indexOf('/');
  return { group: ref.slice(0, slash), stream: ref.slice(slash + 1) };
}

function refsOfGroup(group: LogGroup): string[] {
  return group.log_streams.map((stream) => streamRef(group.log_group_name, stream.log_stream_name));
}

/** Every stream the selection covers, as refs (whole groups expanded); all streams when empty. */
export function selectedRefs(selection: StreamSelection, all: readonly LogGroup[]): Set<string> {
  if (selection.groups.length === 0 && selection.streams.length === 0) return new Set(all.flatMap(refsOfGroup));
  const refs = new Set(selection.streams);
  for (const group of all) if (selection.groups.includes(group.log_group_name)) for (const ref of refsOfGroup(group)) refs.add(ref);
  return refs;
}

/** The shortest selection for a set of streams: a group whose streams are all chosen is named whole. */
export function selectionOf(refs: ReadonlySet<string>, all: readonly LogGroup[]): StreamSelection {
  const groups: string[] = [];
  const streams: string[] = [];
  const known = new Set<string>();
  for (const group of all) {
    const groupRefs = refsOfGroup(group);
    groupRefs.forEach((ref) => known.add(ref));
    const chosen = groupRefs.filter((ref) => refs.has(ref));
    if (chosen.length > 0 && chosen.length === groupRefs.length) groups.push(group.log_group_name);
    else streams.push(...chosen);
  }
  // Streams the list does not know (deleted, or from a link) stay, so nothing is dropped silently.
  for (const ref of refs) if (!known.has(ref)) streams.push(ref);
  const everything = all.length > 0 && groups.length === all.length && streams.length === 0;
  return everything ? { groups: [], streams: [] } : { groups, streams };
}

/** Groups from a link that the list does not know are kept as they are. */
function withUnknownGroups(next: StreamSelection, previous: StreamSelection, all: readonly LogGroup[]): StreamSelection {
  const unknown = previous.groups.filter((name) => !all.some((group) => group.log_group_name === name));
  return unknown.length === 0 ? next : { groups: [...next.groups, ...unknown.filter((name) => !next.groups.includes(name))], streams: next.streams };
}

export function toggleGroup(selection: StreamSelection, name: string, all: readonly LogGroup[]): StreamSelection {
  if (selection.groups.includes(name)) return { groups: selection.groups.filter((group) => group !== name), streams: selection.streams };
  const others = selection.streams.filter((ref) => splitRef(ref).group !== name);
  const group = all.find((entry) => entry.log_group_name === name);
  if (!group) return { groups: [...selection.groups, name], streams: others };
  const empty = selection.groups.length === 0 && selection.streams.length === 0;
  const base = empty ? new Set<string>() : selectedRefs({ groups: selection.groups, streams: others }, all);
  for (const ref of refsOfGroup(group)) base.add(ref);
  return withUnknownGroups(selectionOf(base, all), selection, all);
}

export function toggleStream(selection: StreamSelection, ref: string, all: readonly LogGroup[]): StreamSelection {
  const empty = selection.groups.length === 0 && selection.streams.length === 0;
  const refs = empty ? new Set<string>() : selectedRefs(selection, all);
  if (refs.has(ref)) refs.delete(ref);
  else refs.add(ref);
  return withUnknownGroups(selectionOf(refs, all), selection, all);
}

/** Everything currently searched except one stream (the stream facet's "exclude"). */
export function excludeStream(selection: StreamSelection, ref: string, all: readonly LogGroup[]): StreamSelection {
  const refs = selectedRefs(selection, all);
  refs.delete(ref);
  return withUnknownGroups(selectionOf(refs, all), selection, all);
}

export function isStreamSelected(selection: StreamSelection, ref: string): boolean {
  return selection.streams.includes(ref) || selection.groups.includes(splitRef(ref).group);
}

export function selectionLabel(selection: StreamSelection): string {
  const { groups, streams } = selection;
  if (groups.length === 0 && streams.length === 0) return 'All log groups';
  if (groups.length === 1 && streams.length === 0) return groups[0]!;
  if (groups.length === 0 && streams.length === 1) return streams[0]!;
  const parts = [];
  if (groups.length > 0) parts.push(groups.length === 1 ? '1 group' : `${groups.length} groups`);
  if (streams.length > 0) parts.push(streams.length === 1 ? '1 stream' : `${streams.length} streams`);
  return parts.join(' + ');
}

/** The API's `group`/`stream` parameters, or null while the group list is needed but not loaded. */
export function apiScope(selection: StreamSelection, all: readonly LogGroup[] | undefined): { group?: string[]; stream?: string[] } | null {
  const { groups, streams } = selection;
  if (streams.length === 0) return groups.length === 0 ? {} : { group: [...groups] };
  const streamGroups = new Set(streams.map((ref) => splitRef(ref).group));
  // Streams of one group need no ids: the API looks stream names up within the given groups.
  if (groups.length === 0 && streamGroups.size === 1) return { group: [...streamGroups], stream: streams.map((ref) => splitRef(ref).stream) };
  if (!all) return null;
  const ids: string[] = [];
  for (const ref of selectedRefs(selection, all)) {
    const { group, stream } = splitRef(ref);
    const id = all.find((entry) => entry.log_group_name === group)?.log_streams.find((entry) => entry.log_stream_name === stream)?.log_stream_id;
    // An unknown stream is sent as written, so the server's answer says it does not exist.
    ids.push(id ?? stream);
  }
  return { stream: ids };
}
