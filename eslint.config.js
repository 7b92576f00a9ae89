// The repository lints itself: typescript-eslint's recommended rules plus Tripwire's own plugin.
import tseslint from 'typescript-eslint';
import tripwire from 'eslint-plugin-tripwire';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      'rules/dist/**',
      '.cache/**',
      '.e2e/**',
      'bench/results/**',
      // Deliberately full of traps: the demo and the tests lint these and expect findings.
      'examples/**',
      'test/**/fixtures/**',
    ],
  },
  ...tseslint.configs.recommended,
  tripwire.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
