// Lint rules, including the architecture boundaries of ../shared/STYLE.md:
// workflows/ is a deterministic sandbox; src/ never imports workflow implementations;
// process.env is read in src/config only.
import { builtinModules } from 'node:module';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import i18next from 'eslint-plugin-i18next';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const envOnlyInConfig = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Read configuration through src/config (loadConfig), never process.env directly.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'web/dist/**', 'web/src/api/schema.d.ts', 'reports/**', 'node_modules/**', '.tools/**', 'data/**', 'coverage/**', 'jest.config.js', 'eslint.config.mjs', 'test/summary-reporter.js'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    // Resolves relative imports to their .ts files, so the import rules (no-cycle, no-restricted-paths) see them.
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json', '.node'] })] },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      eqeqeq: 'error',
    },
  },
  {
    files: ['src/**/*.ts', 'activities/**/*.ts', 'workflows/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['src/config/**'],
    rules: { 'no-restricted-syntax': ['error', envOnlyInConfig] },
  },
  {
    files: ['src/**/*.ts', 'activities/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/*.workflow'], message: 'Import message definitions and contracts, never a *.workflow.ts (workflows are started by type name).' }] },
      ],
    },
  },
  {
    // Imports point down. Shared modules (errors, config, database access, Temporal client, the
    // ledger's write path, the access and security logs) sit below every feature; the auditors' API
    // and the app module sit on top, imported by nothing; activities are below the Nest world.
    // src/database/data-source.ts is outside the shared zone on purpose: it lists every feature's
    // entities and migrations (TypeORM's one registry), so it sits on top of them, like the app module.
    files: ['src/**/*.ts', 'activities/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: ['./src/common', './src/config', './src/temporal', './src/ledger', './src/access-log', './src/security-log', './src/attention', './src/protocols', './src/database/migrations', './src/database/database.module.ts', './src/database/pg-errors.ts'],
              from: ['./src/cases', './src/tasks', './src/users', './src/agencies', './src/auth', './src/audit', './src/api', './src/health', './src/worker'],
              message: 'A shared module sits below the features: features import it, never the other way round.',
            },
            {
              target: ['./src/cases', './src/tasks', './src/users', './src/agencies', './src/auth', './src/health', './src/worker', './src/ledger', './src/access-log', './src/security-log'],
              from: ['./src/audit', './src/api'],
              message: "The auditors' API and the app module sit on top: nothing below imports them.",
            },
            { target: './activities', from: './src', message: 'Activities are plain functions built from explicit dependencies, below the Nest world.' },
          ],
        },
      ],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    ignores: ['**/*.spec.ts'], // unit specs run in Jest, not in the sandbox
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: builtinModules.map((name) => ({ name, message: 'Node built-ins are not available in the workflow sandbox.' })),
          patterns: [
            { group: ['node:*'], message: 'Node built-ins are not available in the workflow sandbox.' },
            {
              group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'class-validator', 'class-transformer', 'reflect-metadata', 'nestjs-pino', 'pino', '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'],
              message: 'Workflows are deterministic and framework-free: @temporalio/workflow, @temporalio/common and their own files only.',
            },
            { group: ['**/src/**', '../src/*', '../../src/*'], message: 'Workflows never import the Nest world.' },
            { group: ['**/activities', '**/activities/**'], allowTypeImports: true, message: 'Workflows import activities by type only (proxyActivities).' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The web app: React's hook rules, and every visible string from the catalogues (web/src/i18n/locales).
    files: ['web/src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks, i18next },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'i18next/no-literal-string': ['error', { mode: 'jsx-only', 'jsx-attributes': { include: ['label', 'title', 'placeholder', 'aria-label', 'alt', 'description'] } }],
    },
  },
  {
    files: ['web/e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-member-access': 'off', '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
);
