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
    // In a test, a SyntaxError from JSON.parse (or a wrong shape) is a failing test, which is the
    // right outcome there: guarding and validating every fixture read would only hide the failure.
    files: ['test/**'],
    rules: {
      'tripwire/no-unguarded-json-parse': 'off',
      'tripwire/no-unvalidated-json': 'off',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
