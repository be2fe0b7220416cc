// Tests of package.json as VS Code reads it: the two commands and their menus, every setting documented the
// same way server/src/settings.ts declares it, lazy activation, workspace-trust support, and an engine range
// that admits VS Code 1.100.3 without being older than the @types/vscode the client is written against.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ShowPreviewCommand } from '../../server/src/protocol';
import { SETTING_DECLARATIONS } from '../../server/src/settings';
import { repoRoot } from '../support/paths';

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const extensionSource = readFileSync(path.join(repoRoot, 'client/src/extension.ts'), 'utf8');

test('the palette shows "StatefulSet: Show Preview" and "StatefulSet: Restart Language Server", both implemented by the client', () => {
  const commands = manifest.contributes.commands.map((c: { category: string; title: string; command: string }) => [c.command, `${c.category}: ${c.title}`]);
  assert.deepEqual(commands, [
    [ShowPreviewCommand, 'StatefulSet: Show Preview'],
    ['statefulsetLens.restartServer', 'StatefulSet: Restart Language Server'],
  ]);
  assert.match(extensionSource, /registerCommand\(ShowPreviewCommand,/);
  assert.match(extensionSource, /RESTART_SERVER_COMMAND = 'statefulsetLens.restartServer'/);
  assert.deepEqual(manifest.contributes.menus.commandPalette, [{ command: ShowPreviewCommand, when: 'editorLangId == yaml' }]);
  assert.deepEqual(manifest.contributes.menus['editor/title'], [{ command: ShowPreviewCommand, when: 'resourceLangId == yaml', group: 'navigation' }]);
});

test('every server setting is documented with the server\'s description and is resource-scoped', () => {
  const props = manifest.contributes.configuration.properties;
  for (const d of SETTING_DECLARATIONS) {
    assert.equal(props[d.key]?.description, d.description, `${d.key} description`);
    assert.equal(props[d.key]?.scope, 'resource', `${d.key} scope`);
  }
  assert.deepEqual(props['statefulsetLens.rules'].additionalProperties, { type: 'string', enum: ['off', 'hint', 'information', 'warning', 'error'] });
  assert.deepEqual(props['statefulsetLens.exclude'].items, { type: 'string' });
  assert.equal(props['statefulsetLens.schemaValidation'].enumDescriptions.length, 3);
});

test('statefulsetLens.trace.server is declared for the language client with off, messages and verbose', () => {
  const trace = manifest.contributes.configuration.properties['statefulsetLens.trace.server'];
  assert.deepEqual([trace.type, trace.default, trace.enum, trace.scope], ['string', 'off', ['off', 'messages', 'verbose'], 'window']);
  // The client id is what makes vscode-languageclient read `<id>.trace.server`.
  assert.match(readFileSync(path.join(repoRoot, 'client/src/languageClient.ts'), 'utf8'), /CLIENT_ID = 'statefulsetLens'/);
});

test('the extension activates only for YAML (or to restore its preview) and supports untrusted workspaces, without Kustomize', () => {
  assert.deepEqual(manifest.activationEvents, ['onLanguage:yaml', 'onWebviewPanel:statefulsetLens.preview']);
  assert.equal(manifest.main, './dist/client.js');
  // Rendering overlays runs Kustomize over the workspace's files: limited, and the command cannot be set by the workspace.
  assert.deepEqual(manifest.capabilities.untrustedWorkspaces, {
    supported: 'limited',
    description: "In an untrusted workspace Kustomize overlays are not rendered: rendering runs kubectl kustomize (or kustomize build) over the workspace's files. Everything else works.",
    restrictedConfigurations: ['statefulsetLens.kustomize.command'],
  });
  assert.equal(manifest.capabilities.virtualWorkspaces.supported, 'limited');
});

test('engines.vscode admits VS Code 1.100.3 and is not older than @types/vscode', () => {
  const engine = manifest.engines.vscode as string;
  const m = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(engine);
  assert.ok(m, `engines.vscode ${engine} is not a caret range`);
  const [major, minor] = [Number(m[1]), Number(m[2])];
  assert.ok(major === 1 && minor <= 100, `${engine} does not admit 1.100.3`);
  const types = (manifest.devDependencies['@types/vscode'] as string).split('.').map(Number);
  assert.ok(types[0] === major && types[1]! <= minor, `@types/vscode ${types.join('.')} is newer than ${engine}`);
});

test('package.json `files` is the one allow-list of both the .vsix and the npm package, with no .vscodeignore', () => {
  // vsce refuses a .vscodeignore beside `files`; npm adds the `bin` file (dist/cli.js) to what `files` names.
  assert.equal(existsSync(path.join(repoRoot, '.vscodeignore')), false);
  assert.deepEqual(manifest.files, [
    'dist/server.js',
    // The server's parse worker thread, started from beside dist/server.js.
    'dist/parseWorker.js',
    // The schema validator and isomorphic-git, which the server and the CLI load from beside them when first needed.
    'dist/validateK8s.js',
    'dist/isomorphicGit.js',
    'dist/client.js',
    'server/schemas/*.json',
    'client/media/*.js',
    'client/media/*.css',
    'syntaxes/*.tmLanguage.json',
    'docs/rules.md',
    'docs/images/*.png',
    'icon.png',
    'CHANGELOG.md',
    'LICENSE',
  ]);
});
