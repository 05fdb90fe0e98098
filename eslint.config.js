// ESLint: typescript-eslint with type information, for the checks tsc does not do
// (floating promises, exhaustive switches, no `any`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'packages/web/public/**',
      '.data/**',
      'bench/results/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // a domain error is built by its factory (one per code, packages/domain/src/errors.ts), never inline
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['packages/domain/src/errors.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='DomainError']",
          message:
            'Build domain errors with their factory in packages/domain/src/errors.ts (one per error code), not new DomainError(...).',
        },
      ],
    },
  },
  {
    // all SQL of the server is in packages/server/src/db/ (repositories per aggregate, db/client.ts):
    // nothing else imports the query builder or a driver (types alone are allowed)
    files: ['packages/server/src/**/*.ts'],
    ignores: ['packages/server/src/db/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['drizzle-orm', 'pg', '@electric-sql/pglite'].map((name) => ({
            name,
            allowTypeImports: true,
            message:
              'SQL belongs in packages/server/src/db/repositories/ (one module per aggregate): call a repository function.',
          })),
          patterns: [
            {
              group: ['drizzle-orm/*', '@electric-sql/pglite/*'],
              allowTypeImports: true,
              message:
                'SQL belongs in packages/server/src/db/repositories/ (one module per aggregate): call a repository function.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/web/**/*.tsx', 'packages/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
