// Bundles the shipped entry points with esbuild: the language server, the CLI and the VS Code client.
// `--production` minifies and drops source maps (used by packaging); the default build keeps them for debugging.
import * as esbuild from 'esbuild';
import { existsSync, chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { generateValidator } from './generateValidator.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');

/** Entry points that exist in this checkout (client arrives with the VS Code issue). */
const entries = [
  { in: 'server/src/main.ts', out: 'server' },
  { in: 'server/src/cli.ts', out: 'cli' },
  { in: 'client/src/extension.ts', out: 'client' },
].filter((e) => existsSync(path.join(root, e.in)));

// yaml-language-server pulls in prettier for formatting, which we never call; replacing it with a stub
// keeps the bundle small. Resolving packages by their ESM `module` field avoids jsonc-parser's UMD build,
// which esbuild bundles without a warning but which crashes at start-up (see ARCHITECTURE.md).
const stubPrettier = {
  name: 'stub-prettier',
  setup(build) {
    build.onResolve({ filter: /^prettier(\/.*)?$/ }, () => ({ path: path.join(root, 'scripts/stubs/prettier.js') }));
  },
};

// The schema validator is generated code (ajv standalone) that the server bundle imports; not committed.
if (entries.some((e) => e.out !== 'client')) generateValidator();

const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: entries,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  mainFields: ['module', 'main'],
  external: ['vscode'],
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [stubPrettier],
  banner: { js: '' },
  metafile: true,
});
for (const e of entries) if (e.out === 'cli') chmodSync(path.join(root, 'dist/cli.js'), 0o755);
// The language server reads its JSON schema from next to itself (dist/ is what the .vsix ships).
const schema = path.join(root, 'server/schemas/k8s-statefulset-lens.schema.json');
if (entries.some((e) => e.out === 'server') && existsSync(schema)) {
  mkdirSync(path.join(root, 'dist'), { recursive: true });
  copyFileSync(schema, path.join(root, 'dist/k8s-statefulset-lens.schema.json'));
}
const sizes = Object.entries(result.metafile.outputs)
  .filter(([f]) => f.endsWith('.js'))
  .map(([f, o]) => `${f} ${(o.bytes / 1024).toFixed(0)} KB`);
console.error(`built ${sizes.join(', ')}`);
