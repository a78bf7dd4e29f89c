import { useThemePreference, type ThemePreference } from '../lib/theme.ts';
import { Icon } from './icon.tsx';
import { SegmentedControl, type SegmentedOption } from './segmented-control.tsx';

const options: ReadonlyArray<SegmentedOption<ThemePreference>> = [
  { value: 'system', label: 'System theme', icon: <Icon name="system" className="segmented__icon" /> },
  { value: 'light', label: 'Light theme', icon: <Icon name="sun" className="segmented__icon" /> },
  { value: 'dark', label: 'Dark theme', icon: <Icon name="moon" className="segmented__icon" /> },
];

export function ThemeSwitch() {
  const [preference, setPreference] = useThemePreference();
  return <SegmentedControl legend="Theme" value={preference} options={options} onChange={setPreference} />;
}
