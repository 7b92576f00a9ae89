// How a project adds Tripwire to its own ESLint setup (flat config).
import tseslint from 'typescript-eslint';
import tripwire from 'eslint-plugin-tripwire';

export default [
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
  },
  tripwire.configs.recommended,
  // A rule from the strict preset, turned on by itself: unbounded fan-out over a collection of unknown size.
  { rules: { 'tripwire/prefer-bounded-concurrency': 'warn' } },
  // Another strict rule: middleware that calls next() twice, after a response, or never answers.
  { rules: { 'tripwire/no-middleware-next-misuse': 'warn' } },
];
