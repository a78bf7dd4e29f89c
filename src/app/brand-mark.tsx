/** Vigil's mark: an eye over a baseline (watching the logs). Same drawing as public/favicon.svg. */
export function BrandMark() {
  return (
    <svg className="app__brand-mark" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <rect width="24" height="24" rx="6" fill="var(--accent)" />
      <path
        d="M4.5 12c2-3.3 4.6-5 7.5-5s5.5 1.7 7.5 5c-2 3.3-4.6 5-7.5 5s-5.5-1.7-7.5-5z"
        fill="none"
        stroke="var(--accent-contrast)"
        strokeWidth="1.6"
        strokeLinejoin="round"
      />
      <circle cx="12" cy="12" r="2.2" fill="var(--accent-contrast)" />
    </svg>
  );
}
