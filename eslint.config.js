// Lint: typescript-eslint's strict type-checked rules over the sources, tests, benches and migrations
// (shared/STYLE.md). Findings that predate the lint are listed in eslint-suppressions.json (ESLint's bulk
// suppressions): new code must be clean, and `npx eslint --prune-suppressions` drops entries once fixed.
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.dbtwin/**'] },
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Under noUncheckedIndexedAccess every indexed read is `T | undefined`, also inside a loop bounded by the
      // length; `xs[i]!` there states what the bound proves. The alternatives the rule leaves (`?? fallback`, a cast,
      // a throw per read) hide a real bug behind a made-up value or bury the code in checks.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Counts and sizes are spelled into messages all over ("wrote 1,000 rows"): numbers print as they should.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // A leading underscore names what is there to be left out (a field dropped from a spread, an unused callback
      // argument).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // One SQL layer (issue 22): SQL text and drivers live in src/dialects/ alone, behind functions that take values,
    // so the rest of dbtwin stays engine-neutral. Kysely's types and query builder are fine anywhere.
    files: ['src/**/*.ts'],
    ignores: ['src/dialects/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'kysely',
              importNames: ['sql'],
              message:
                'SQL lives in src/dialects/: add a function there (e.g. src/dialects/queries/) and call it.',
            },
            ...['pg', 'pg-copy-streams', 'mysql2', 'mysql2/promise', '@electric-sql/pglite'].map((name) => ({
              name,
              message: 'Drivers live in src/dialects/.',
            })),
          ],
        },
      ],
    },
  },
  {
    // A variable a beforeAll sets is still undefined in afterAll when the hook failed: `learned?.drop()` is for
    // that case, which the types cannot see.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-unnecessary-condition': 'off' },
  },
  // The launcher and this file are plain JavaScript, outside the TypeScript project.
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
)
