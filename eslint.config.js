// Lint enforces the layering of DESIGN.md: only main/electron/ and preload/ import 'electron';
// main/api/ is pure (no Node, no core); the renderer reaches main/ only through main/api/;
// core, server and cli never import the renderer or the Electron edge.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electron = { name: 'electron', message: 'Only main/electron/ and preload/ import electron.' };
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto', 'stream', 'url', 'module'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.native/**', 'resources/labs/*/workloads/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [electron] }],
    },
  },
  {
    files: ['main/electron/**', 'preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['main/api/**'],
    ignores: ['main/api/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            { group: nodeBuiltins, message: 'main/api/ is the contract: pure TypeScript the renderer can import.' },
            { group: ['**/core/**', '**/server/**', '**/cli/**', '**/electron/**', '**/renderer/**'], message: 'main/api/ imports nothing of the rest of main/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['main/core/**', 'main/server/**', 'main/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'core, server and cli run under plain Node: no Electron edge, no renderer.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            { group: ['**/main/*', '!**/main/api'], message: 'The renderer talks to main/ only through the contract in main/api/.' },
            { group: ['**/main/*/**', '!**/main/api/**'], message: 'The renderer talks to main/ only through the contract in main/api/.' },
            { group: nodeBuiltins, message: 'The renderer runs in a sandboxed page: no Node modules.' },
          ],
        },
      ],
    },
  },
);
