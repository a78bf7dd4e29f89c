import type { TimeZoneMode } from '../lib/format.ts';
import { useTimeRange } from '../lib/time-range/use-time-range.ts';
import { SegmentedControl, type SegmentedOption } from './segmented-control.tsx';

const options: ReadonlyArray<SegmentedOption<TimeZoneMode>> = [
  { value: 'local', label: 'Local' },
  { value: 'utc', label: 'UTC' },
];

/** Switches how every time in the console is shown and how typed times are read. */
export function TimeZoneToggle() {
  const { zone, setZone } = useTimeRange();
  return <SegmentedControl legend="Show times in" value={zone} options={options} onChange={setZone} />;
}
