// Lint rules, including the layer table of ARCHITECTURE.md as import restrictions.
import * as fs from 'node:fs';
import tseslint from 'typescript-eslint';

const noVscode = {
  name: 'vscode',
  message: 'This layer must not import vscode (see ARCHITECTURE.md): keep it testable in plain Node.',
};
const layer = (files, paths, patterns = []) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
});
// Features never import each other: what two of them share lives in core/,
// platform/ or shared/. One block per feature folder, each forbidding every
// feature but its own, whether reached as `../other/…` or `…/features/other/…`.
const features = fs.readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
const otherFeature = 'A feature never imports another feature: move what they share to core/, platform/ or shared/.';
const ownFeatureOnly = (name) =>
  layer([`src/features/${name}/**`], [], [
    { regex: `^\\.\\./(?!${name}(/|$))[^./]`, message: otherFeature },
    { regex: `(^|/)features/(?!${name}(/|$))`, message: otherFeature },
    { group: ['**/webview/**'], message: 'features/ never imports webview/: it runs in a browser.' },
  ]);

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.mjs', '*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: 'error',
      curly: 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'No default exports.' },
        // `import { z }` keeps all of zod (locales, JSON Schema) in the bundle: 450 KB instead of 85 KB.
        { selector: "ImportDeclaration[source.value=/^zod(\\/mini)?$/][importKind!='type'] > ImportSpecifier[imported.name='z']", message: "Use `import * as z from 'zod/mini'` so esbuild can drop what we don't use." },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', 'scripts/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  layer(['src/core/**'], [noVscode, { name: 'axios', message: 'core/ does not make HTTP requests.' }, { name: 'node:child_process', message: 'core/ runs no processes.' }], [
    { group: ['**/trackers/**', '**/platform/**', '**/features/**', '**/webview/**', '**/reference-tracker/**'], message: 'core/ imports nothing outside core/.' },
  ]),
  layer(['src/trackers/**'], [noVscode], [{ group: ['**/platform/**', '**/features/**', '**/webview/**'], message: 'trackers/ may import core/ only.' }]),
  layer(['src/shared/**'], [noVscode], [{ group: ['**/core/**', '**/trackers/**', '**/platform/**', '**/features/**', '**/webview/**'], message: 'shared/ holds the protocol only.' }]),
  layer(['src/webview/**'], [noVscode], [{ group: ['**/core/**', '**/trackers/**', '**/platform/**', '**/features/**', 'node:*'], message: 'webview/ runs in a browser: shared/ and browser libraries only.' }]),
  layer(['src/reference-tracker/**'], [noVscode], [{ group: ['**/trackers/**', '**/platform/**', '**/features/**', '**/webview/**'], message: 'The reference tracker may import core/ only.' }]),
  layer(['src/platform/**'], [], [{ group: ['**/features/**', '**/webview/**'], message: 'platform/ never imports features/ or webview/.' }]),
  ...features.map(ownFeatureOnly),
);
