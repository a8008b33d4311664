// Jest runs the TypeScript sources as native ES modules (the project is "type": "module"),
// transformed by SWC; imports keep their .ts extensions, as Node 24 runs them directly.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2024' },
      module: { type: 'es6' },
    }],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // Integration tests talk to real servers on a 2-core machine: 5 s (Jest's default) is a flake under load,
  // not a speed target (speed is measured by `npm run bench`).
  testTimeout: 30_000,
};
