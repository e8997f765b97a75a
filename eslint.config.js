import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'coverage', 'ui/dist', 'artifacts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    // The Flow JSON language core, the runtime, the data channel and the endpoint run in browsers
    // and on edge runtimes (workerd, Deno, Bun): no node: module, except as types, and except in
    // the Node transports, which live on subpaths of their own (waflow/endpoint/node, ...).
    files: ['src/flow-json/**/*.ts', 'src/runtime/**/*.ts', 'src/data-channel/**/*.ts', 'src/endpoint/**/*.ts', 'src/health/**/*.ts', 'src/media/**/*.ts'],
    ignores: [
      '**/*.test.ts',
      '**/*test-kit.ts',
      'src/endpoint/adapters/**',
      'src/endpoint/serve/**',
      'src/endpoint/node.ts',
      'src/endpoint/token-store/redis.ts',
      'src/endpoint/token-store/resp.ts',
      'src/endpoint/token-store/postgres.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*'], allowTypeImports: true, message: 'this module must run in browsers and on edge runtimes (no node: modules).' }] },
      ],
    },
  },
  { files: ['*.config.js', '*.config.ts'], rules: { 'no-restricted-syntax': 'off' } },
);
