import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import pluginQuery from '@tanstack/eslint-plugin-query';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';

// The one-way layout from the design: app → features → components/lib → contract/query,
// server → contract/query; features never import each other; nothing outside server imports it.
const layers = [
  { type: 'contract', pattern: 'src/contract' },
  { type: 'query', pattern: 'src/query' },
  { type: 'lib', pattern: 'src/lib' },
  { type: 'components', pattern: 'src/components' },
  { type: 'testing', pattern: 'src/testing' },
  { type: 'feature', pattern: 'src/features/*' },
  { type: 'app', pattern: 'src/app' },
  { type: 'server', pattern: 'src/server' },
];
const allow = (from, to) => ({ from: { element: { type: from } }, allow: { to: { element: { types: { anyOf: to } } } } });

function layerPolicies(extra) {
  return [
    allow('contract', ['contract']),
    allow('query', ['contract', 'query']),
    allow('lib', ['contract', 'query', 'lib', ...extra]),
    allow('components', ['contract', 'query', 'lib', 'components', ...extra]),
    allow('feature', ['contract', 'query', 'lib', 'components', ...extra]),
    allow('app', ['contract', 'query', 'lib', 'components', 'feature', 'app', ...extra]),
    allow('testing', ['contract', 'query', 'lib', 'components', 'feature', 'app', 'testing']),
    allow('server', ['contract', 'query', 'server']),
  ];
}

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public/mockServiceWorker.js', 'test-results', 'playwright-report', 'data', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'smart'],
      // 'l' is V8's linear-time (non-backtracking) engine, used for user-supplied regexes.
      'no-invalid-regexp': ['error', { allowConstructorFlags: ['l'] }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/server/**'],
    plugins: { 'react-hooks': reactHooks, '@tanstack/query': pluginQuery },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...pluginQuery.configs.recommended.rules,
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render data as text, never as HTML.' },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: { 'boundaries/elements': layers, 'boundaries/include': ['src/**/*'] },
    rules: { 'boundaries/dependencies': ['error', { default: 'disallow', policies: layerPolicies([]) }] },
  },
  {
    // Tests may also use the shared test kit (render with providers, MSW handlers, factories).
    files: ['src/**/*.test.{ts,tsx}'],
    rules: { 'boundaries/dependencies': ['error', { default: 'disallow', policies: layerPolicies(['testing']) }] },
  },
  {
    // CLI, scripts and start-up code talk to the terminal.
    files: ['src/server/cli.ts', 'src/server/cli/**', 'src/server/index.ts', 'src/server/testing/otc-sim/main.ts', 'scripts/**', 'e2e/**'],
    rules: { 'no-console': 'off' },
  },
);
