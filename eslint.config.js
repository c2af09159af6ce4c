// Lint: typescript-eslint's recommended rules, the rule that keeps firmware/ pure, and the room walls.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import walls from './eslint/room-walls.js';

const impure = 'the firmware does no I/O and reads no clock: take it from the runtime through a port or an event';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      '**/*.js',
      '!eslint.config.js',
      '!eslint/*.js',
      '!bin/*.js',
      'scripts/bench/.*.bundle.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Room walls: another room only through its index.ts (docs/architecture.md).
    files: ['firmware/**/*.ts', 'src/**/*.ts', 'src/**/*.tsx'],
    plugins: { walls },
    rules: { 'walls/through-index': 'error', 'walls/cloud-layers': 'error' },
  },
  {
    files: ['firmware/**/*.ts'],
    ignores: ['firmware/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(node:|fs|path|os|child_process|net|http|https|crypto|events|stream)', message: impure },
            { regex: '^(better-sqlite3|serialport|@serialport/|pino|blessed)', message: impure },
            { regex: '^\\.\\./src/', message: 'the firmware does not depend on the host' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'setTimeout',
          'setInterval',
          'setImmediate',
          'clearTimeout',
          'clearInterval',
          'console',
          'process',
          'fetch',
          'performance',
        ].map((name) => ({ name, message: impure })),
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: impure },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: impure },
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: impure },
      ],
    },
  },
);
