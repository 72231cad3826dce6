// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const electronImport = {
  paths: [
    {
      name: 'electron',
      message: 'The engine runs under plain Node: only main/index.ts and main/shell/ may import electron.',
    },
  ],
  patterns: [{ group: ['electron/*'], message: 'Only main/index.ts and main/shell/ may import electron.' }],
};

export default tseslint.config(
  {
    ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/', '.bench/', '.tmp/', 'fixtures/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['main/**/*.{ts,js}'],
    ignores: ['main/index.ts', 'main/shell/**'],
    rules: { 'no-restricted-imports': ['error', electronImport] },
  },
  prettier,
);
