// @ts-check
import eslint from '@eslint/js';
import graphql from '@graphql-eslint/eslint-plugin';
import { transformSupergraphToPublicSchema } from '@theguild/federation-composition';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import { buildASTSchema, parse, printSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import tseslint from 'typescript-eslint';

/**
 * The schema the listed operations run against: the supergraph's API schema, as
 * scripts/api-schema.ts derives it (a config file cannot import TypeScript).
 */
const apiSchemaSdl = printSchema(
  buildASTSchema(
    transformSupergraphToPublicSchema(
      parse(readFileSync(`${import.meta.dirname}/schema/supergraph.graphql`, 'utf8')),
    ),
  ),
);

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', '.data/', '.bench/', '.screenshots/', '.tools/'] },
  {
    // JavaScript and TypeScript; the GraphQL operations have their own rules below.
    files: ['**/*.{js,mjs,cjs,ts,mts,cts,tsx}'],
    extends: [eslint.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // type-graphql and TypeORM decorate classes whose constructors only carry metadata.
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Generated operation types: codegen writes one union member per kind of record an
    // interface's selection may return, identical where the kinds select the same fields.
    files: ['**/generated/**/*.ts'],
    rules: { '@typescript-eslint/no-duplicate-type-constituents': 'off' },
  },
  {
    // A service runs from the image without its tools: the operator commands, tests and bench.
    files: ['platform/**/*.ts', 'gateway/**/*.ts', 'subgraphs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/scripts/**', '**/tests/**', '**/bench/**'],
              message: 'a service imports nothing of scripts/, tests/ or bench/',
            },
          ],
        },
      ],
    },
  },
  {
    // The unit tier runs without PostgreSQL or a browser (jest.config.js gives it neither).
    files: ['tests/unit/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['pg', 'playwright-core'],
          patterns: [
            {
              group: [
                '**/support/database',
                '**/support/platform',
                '**/support/in-process-platform',
                '**/support/postgres-control',
                '**/support/browser',
                '**/scripts/embedded-postgres',
              ],
              message: 'this needs PostgreSQL or a browser: an e2e or a browser test',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read GraphQL answers as JSON and let their assertions check the shape.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { module: 'readonly', require: 'readonly' } },
  },
  {
    // examples/: departments written outside the platform, as plain JavaScript modules on Node.
    files: ['examples/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: {
        AbortSignal: 'readonly',
        Buffer: 'readonly',
        fetch: 'readonly',
        process: 'readonly',
        setImmediate: 'readonly',
        TextEncoder: 'readonly',
        URL: 'readonly',
      },
    },
  },
  {
    // GraphiQL's page script: an ES module in the browser, bundled by Vite.
    files: ['web/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: { document: 'readonly', fetch: 'readonly' },
    },
  },
  {
    // The operations clients send (the gateway's safelist and GraphiQL's examples), checked
    // against the API schema: known fields, arguments and types, nothing unused or deprecated,
    // PascalCase operation and fragment names, camelCase variables.
    files: ['schema/operations/**/*.graphql'],
    languageOptions: {
      parser: graphql.parser,
      parserOptions: {
        graphQLConfig: { schema: apiSchemaSdl, documents: 'schema/operations/**/*.graphql' },
      },
    },
    plugins: { '@graphql-eslint': graphql },
    rules: {
      ...graphql.configs['flat/operations-recommended'].rules,
      // It asks for every object's id, for a client's normalized cache; none of the clients
      // here keeps one, and an id nobody reads would be bytes in every answer.
      '@graphql-eslint/require-selections': 'off',
    },
  },
  prettier,
);
