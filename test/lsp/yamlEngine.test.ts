// Tests of the embedded yaml-language-server (server/src/yaml/yamlEngine.ts) with the committed schema:
// the improvements over upstream, completion in multi-document files, hover. (Schema diagnostics are not its
// job any more: test/lsp/schemaValidation.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readFileSync } from 'node:fs';
import { lazyYamlEngine, isolateDocument, withoutDraft } from '../../server/src/yaml/yamlEngine';
import { RANDOM_GENERATOR, positionOf } from '../support/lspFixtures';

const schemaPath = path.resolve(__dirname, '../../server/schemas/k8s-statefulset-lens.schema.json');
const errors: string[] = [];
const engine = lazyYamlEngine({ schemaPath, logError: (m) => errors.push(m) });
let version = 0;
const doc = (text: string, uri = 'file:///w/x.yaml') => TextDocument.create(uri, 'yaml', ++version, text);

test('a document in a dot-directory still gets the schema', async () => {
  const e = await engine();
  const text = RANDOM_GENERATOR;
  const hover = await e.hover(doc(text, 'file:///home/u/.config/k8s/x.yaml'), positionOf(text, 'serviceName', 3));
  assert.match((hover?.contents as { value: string }).value, /^serviceName is the name of the service that governs this StatefulSet/);
  assert.deepEqual(errors, []);
});

test('completion on an empty line under spec in the second document offers StatefulSet keys with documentation', async () => {
  const e = await engine();
  // yaml-language-server alone returns nothing here (upstream issue #869); the engine retries on an isolated copy.
  const text = RANDOM_GENERATOR.slice(0, RANDOM_GENERATOR.indexOf('\nspec:\n  serviceName')) + '\nspec:\n  \n---\napiVersion: v1\nkind: ConfigMap\n';
  const at = positionOf(text, 'spec:\n  \n', 8);
  const list = await e.complete(doc(text), at);
  const labels = list.items.map((i) => i.label).sort();
  assert.deepEqual(labels, ['minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy', 'podManagementPolicy',
    'replicas', 'revisionHistoryLimit', 'selector', 'serviceName', 'template', 'updateStrategy', 'volumeClaimTemplates']);
  const serviceName = list.items.find((i) => i.label === 'serviceName');
  assert.match(String((serviceName?.documentation as { value?: string })?.value ?? serviceName?.documentation), /^serviceName is the name of the service that governs this StatefulSet/);
});

test('completion after podManagementPolicy offers the two policies', async () => {
  const e = await engine();
  const text = RANDOM_GENERATOR.replace('  replicas: 2\n', '  replicas: 2\n  podManagementPolicy: \n');
  const list = await e.complete(doc(text), positionOf(text, 'podManagementPolicy: ', 'podManagementPolicy: '.length));
  assert.deepEqual(list.items.map((i) => i.label).sort(), ['OrderedReady', 'Parallel']);
});

test('hover on serviceName shows the field documentation without a schema source line', async () => {
  const e = await engine();
  const text = RANDOM_GENERATOR;
  const hover = await e.hover(doc(text), positionOf(text, 'serviceName', 3));
  const value = (hover?.contents as { value: string }).value;
  assert.match(value, /^serviceName is the name of the service that governs this StatefulSet/);
  assert.doesNotMatch(value, /Source:/);
});

test('isolateDocument blanks the other documents and keeps the line count', () => {
  assert.equal(isolateDocument('a: 1\n---\nb: 2\nc: 3\n---\nd: 4', 2), '\n\nb: 2\nc: 3\n\n');
});

test('the schema is served to the library without its $schema key and nothing else changed (so it is not meta-validated)', async () => {
  const text = readFileSync(schemaPath, 'utf8');
  const { $schema, ...rest } = JSON.parse(text);
  assert.equal($schema, 'http://json-schema.org/draft-07/schema#');
  assert.deepEqual(JSON.parse(withoutDraft(text)), rest);
  // The library still resolves it (as draft-07) for hover, and logs no schema error.
  const e = await engine();
  const hover = await e.hover(doc(RANDOM_GENERATOR), positionOf(RANDOM_GENERATOR, '  replicas', 4));
  assert.match((hover?.contents as { value: string } | undefined)?.value ?? '', /^replicas is the desired number of replicas of the given Template/);
  assert.deepEqual(errors, []);
});
