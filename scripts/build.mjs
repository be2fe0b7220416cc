// Bundles the shipped entry points with esbuild: the language server, the CLI and the VS Code client.
// `--production` minifies and drops source maps (used by packaging), removing the maps an earlier build left,
// which would no longer match; the default build keeps them for debugging.
import * as esbuild from 'esbuild';
import { existsSync, chmodSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { generateValidator } from './generateValidator.mjs';
import { lazyMetaValidators } from './build/lazyMetaValidators.mjs';
import { yamlTokenLog } from './build/yamlTokenLog.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
// `--outdir=DIR` builds somewhere else than dist/ (the production-build test uses a temporary folder).
const outArg = process.argv.find((a) => a.startsWith('--outdir='));
const outdir = outArg ? path.resolve(outArg.slice('--outdir='.length)) : path.join(root, 'dist');

/** Entry points that exist in this checkout (client arrives with the VS Code issue). */
const entries = [
  { in: 'server/src/main.ts', out: 'server' },
  // The server's parse worker (workspace/parsePool.ts starts it from beside dist/server.js).
  { in: 'server/src/workspace/parseWorker.ts', out: 'parseWorker' },
  { in: 'server/src/cli/cli.ts', out: 'cli' },
  // The generated schema validator, which the server and the CLI load when they first validate (see below).
  { in: 'server/src/schema/generated/validateK8s.js', out: 'validateK8s', generated: true },
  // isomorphic-git, which they load when they first read a repository (see below).
  { in: 'server/src/workspace/isomorphicGit.ts', out: 'isomorphicGit' },
  { in: 'client/src/extension.ts', out: 'client' },
].filter((e) => e.generated || existsSync(path.join(root, e.in)));

// yaml-language-server pulls in prettier for formatting, which we never call; replacing it with a stub
// keeps the bundle small. Resolving packages by their ESM `module` field avoids jsonc-parser's UMD build,
// which esbuild bundles without a warning but which crashes at start-up (see ARCHITECTURE.md).
const stubPrettier = {
  name: 'stub-prettier',
  setup(build) {
    build.onResolve({ filter: /^prettier(\/.*)?$/ }, () => ({ path: path.join(root, 'scripts/stubs/prettier.js') }));
  },
};

// The schema validator is generated code (ajv standalone) that the server and the CLI load; not committed.
if (entries.some((e) => e.out === 'server' || e.out === 'cli')) generateValidator();
else entries.splice(entries.findIndex((e) => e.generated), 1);

// schemaValidation.ts requires the generated validator when it first validates, gitBaseline.ts isomorphic-git
// when it first reads a repository: in the bundles those are dist/validateK8s.js and dist/isomorphicGit.js beside
// them, not code of their own (half a megabyte each that start-up would compile).
const loadedBeside = {
  name: 'loaded-beside',
  setup(build) {
    build.onResolve({ filter: /[\\/]generated[\\/]validateK8s\.js$/ }, (args) => (args.kind === 'require-call' ? { path: './validateK8s.js', external: true } : undefined));
    build.onResolve({ filter: /^isomorphic-git$/ }, (args) => (args.kind === 'require-call' ? { path: './isomorphicGit.js', external: true } : undefined));
  },
};

const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: entries.map(({ in: from, out }) => ({ in: from, out })),
  outdir,
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
  plugins: [stubPrettier, lazyMetaValidators, loadedBeside, yamlTokenLog],
  banner: { js: '' },
  metafile: true,
});
// A map from a development build describes other code than the minified bundle beside it: none is better.
if (production) for (const e of entries) rmSync(path.join(outdir, `${e.out}.js.map`), { force: true });
for (const e of entries) if (e.out === 'cli') chmodSync(path.join(outdir, 'cli.js'), 0o755);
// The language server reads its JSON schema from next to itself (dist/ is what the .vsix ships).
const schema = path.join(root, 'server/schemas/k8s-statefulset-lens.schema.json');
if (entries.some((e) => e.out === 'server') && existsSync(schema)) {
  mkdirSync(outdir, { recursive: true });
  copyFileSync(schema, path.join(outdir, 'k8s-statefulset-lens.schema.json'));
}
const sizes = Object.entries(result.metafile.outputs)
  .filter(([f]) => f.endsWith('.js'))
  .map(([f, o]) => `${f} ${(o.bytes / 1024).toFixed(0)} KB`);
console.error(`built ${sizes.join(', ')}`);
