// Lint rules, including the runtime boundaries of DESIGN.md §2: a file may import only what its runtime has.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'crypto',
  'stream',
];
const nodeOnlyPackages = ['ssh2', 'ws', '@aws-sdk/*', 'yaml'];

const zone = (patterns, message, ...more) => [
  'error',
  { patterns: [{ group: patterns, message }, ...more.map(([group, why]) => ({ group, message: why }))] },
];
// The SQLite driver sits behind one file (DESIGN.md §4), so changing drivers stays a one-file change.
const oneDriver = [[['node:sqlite'], 'Use electron/journal/sqlite.ts: the only file that talks to the SQLite driver.']];

export default tseslint.config(
  {
    ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e/screenshots/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': zone(
        ['electron', ...nodeBuiltins, ...nodeOnlyPackages, '**/electron/**'],
        'renderer/ is browser-only: import shared/ and talk to the backend through renderer/bridge.',
      ),
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': zone(
        ['electron', ...nodeBuiltins, ...nodeOnlyPackages, '**/electron/**', '**/renderer/**'],
        'shared/ is pure: it may import only shared/ and zod.',
      ),
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/app/**', 'electron/journal/sqlite.ts'],
    rules: {
      'no-restricted-imports': zone(
        ['electron', '**/renderer/**', '**/app/*'],
        "Only electron/app may import 'electron'; services are plain Node. Never import renderer/.",
        ...oneDriver,
      ),
    },
  },
  {
    files: ['electron/app/**/*.ts'],
    rules: {
      'no-restricted-imports': zone(['**/renderer/**'], 'electron/ never imports renderer/.', ...oneDriver),
    },
  },
  {
    files: ['bench/**/*.ts', 'scripts/**/*.{ts,mjs}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: oneDriver.map(([group, message]) => ({ group, message })) }],
    },
  },
);
