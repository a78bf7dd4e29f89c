/** Outline icons on a 16-unit grid, drawn with the current text colour. */
const paths = {
  overview: 'M2 2h5v5H2zM9 2h5v3H9zM9 7h5v7H9zM2 9h5v5H2z',
  search: 'M7 2.5a4.5 4.5 0 1 1 0 9a4.5 4.5 0 0 1 0-9zM10.3 10.3L14 14',
  audit: 'M4 1.5h6l3 3V14.5H4zM10 1.5v3h3M6 7.5h5M6 10h5M6 12.5h3',
  anomalies: 'M1.5 12.5l3-4 3 2 3-7 4 5M1.5 14.5h13',
  alerts: 'M8 1.5a4 4 0 0 1 4 4v3.5l1.5 2.5h-11L4 9V5.5a4 4 0 0 1 4-4zM6.5 13.5a1.5 1.5 0 0 0 3 0',
  compliance: 'M8 1.5l5.5 2v4c0 3.5-2.5 6-5.5 7c-3-1-5.5-3.5-5.5-7v-4zM5.5 8l2 2 3.5-3.5',
  admin: 'M8 5.5a2.5 2.5 0 1 1 0 5a2.5 2.5 0 0 1 0-5zM8 1v2M8 13v2M1 8h2M13 8h2M3 3l1.5 1.5M11.5 11.5L13 13M3 13l1.5-1.5M11.5 4.5L13 3',
  clock: 'M8 1.5a6.5 6.5 0 1 1 0 13a6.5 6.5 0 0 1 0-13zM8 4.5V8l2.5 1.5',
  system: 'M1.5 2.5h13v9h-13zM5.5 14.5h5M8 11.5v3',
  sun: 'M8 5a3 3 0 1 1 0 6a3 3 0 0 1 0-6zM8 .5v2M8 13.5v2M.5 8h2M13.5 8h2M2.7 2.7l1.4 1.4M11.9 11.9l1.4 1.4M2.7 13.3l1.4-1.4M11.9 4.1l1.4-1.4',
  moon: 'M13.5 10A6 6 0 0 1 6 2.5a6 6 0 1 0 7.5 7.5z',
  chevron: 'M4 6l4 4 4-4',
} as const;

export type IconName = keyof typeof paths;

export interface IconProps {
  name: IconName;
  className?: string;
}

export function Icon({ name, className }: IconProps) {
  return (
    <svg
      className={className}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.3"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={paths[name]} />
    </svg>
  );
}
