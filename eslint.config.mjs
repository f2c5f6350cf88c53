// ESLint (flat config, typescript-eslint). Kept small on purpose: the rules that guard the architecture, and the
// recommended checks that catch real mistakes. Types are checked by tsc (npm run typecheck), formatting is
// Prettier's (npm run format:check).
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'inspector',
  'net',
  'os',
  'path',
  'process',
  'stream',
  'url',
  'util',
  'worker_threads',
  'zlib',
];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.bench/**', '.test-artifacts/**', 'examples/**', 'test/fixtures/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      // Rule option types and test doubles use `any` deliberately; tsc checks the rest.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The pure core: no editor, no Node built-ins, no reaching into the layers built on it.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'src/core is editor-agnostic: the editor layer (src/extension) adapts it to VS Code.' },
            ...NODE_BUILTINS.map((name) => ({ name, message: 'src/core runs anywhere: file, process and crypto work belongs to src/cli or src/extension.' })),
          ],
          patterns: [
            { group: ['node:*'], message: 'src/core runs anywhere: file, process and crypto work belongs to src/cli or src/extension.' },
            {
              group: ['**/extension/**', '**/cli/**', '../extension', '../cli', '../../extension', '../../cli'],
              message: 'src/core must not depend on the layers built on it.',
            },
          ],
        },
      ],
    },
  },
);
