// Tests of server/src/settings.ts: normalize() and its agreement with package.json contributes.configuration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS, SETTING_DECLARATIONS, normalize, schemaValidationEnabled } from '../../server/src/settings';

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));

/** Every `statefulsetLens.*` property package.json declares, whether configuration is one object or a list. */
function declaredProperties(): Record<string, { type?: string; default?: unknown; enum?: string[] }> | undefined {
  const configuration = manifest.contributes?.configuration;
  if (!configuration) return undefined;
  const sections = Array.isArray(configuration) ? configuration : [configuration];
  return Object.assign({}, ...sections.map((s: { properties?: object }) => s.properties ?? {}));
}

// Keys the VS Code client reads itself (the server never sees them).
const CLIENT_ONLY = new Set(['statefulsetLens.trace.server']);

test('package.json declares exactly the settings the server reads, with the same types, defaults and enums', () => {
  const props = declaredProperties();
  assert.ok(props, 'package.json has contributes.configuration');
  const declared = Object.keys(props).filter((k) => k.startsWith('statefulsetLens.') && !CLIENT_ONLY.has(k)).sort();
  assert.deepEqual(declared, SETTING_DECLARATIONS.map((d) => d.key).sort());
  for (const d of SETTING_DECLARATIONS) {
    assert.equal(props[d.key].type, d.type, `${d.key} type`);
    assert.deepEqual(props[d.key].default, d.default, `${d.key} default`);
    assert.deepEqual(props[d.key].enum, d.enum, `${d.key} enum`);
  }
});

test('the declared defaults are what normalize gives for an empty configuration', () => {
  const s = normalize(undefined);
  assert.deepEqual(s, { ...DEFAULT_SETTINGS, rules: {}, codeLens: { enable: true }, exclude: [] });
  const byKey = Object.fromEntries(SETTING_DECLARATIONS.map((d) => [d.key.replace('statefulsetLens.', ''), d.default]));
  assert.deepEqual(byKey, {
    clusterDomain: s.clusterDomain, defaultNamespace: s.defaultNamespace, kubernetesVersion: s.kubernetesVersion,
    rules: s.rules, 'codeLens.enable': s.codeLens.enable, schemaValidation: s.schemaValidation, exclude: s.exclude,
    baseline: s.baseline,
    'kustomize.command': s.kustomize.command,
  });
});

test('the baseline setting takes a revision name or off, and falls back to HEAD for anything that is not one', () => {
  assert.equal(normalize({ baseline: 'origin/main' }).baseline, 'origin/main');
  assert.equal(normalize({ baseline: ' OFF ' }).baseline, 'off');
  assert.equal(normalize({ baseline: '3f2a9c1' }).baseline, '3f2a9c1');
  assert.equal(normalize({ baseline: 'main branch' }).baseline, 'HEAD');
  assert.equal(normalize({ baseline: 'HEAD~1' }).baseline, 'HEAD');
  assert.equal(normalize({ baseline: 7 }).baseline, 'HEAD');
});

test('kustomize.command takes the two commands and off; anything else (a command line of one\'s own) falls back to kubectl kustomize', () => {
  assert.equal(normalize({ kustomize: { command: 'kustomize build' } }).kustomize.command, 'kustomize build');
  assert.equal(normalize({ 'kustomize.command': 'off' }).kustomize.command, 'off');
  assert.equal(normalize({ kustomize: { command: 'sh -c "curl evil"' } }).kustomize.command, 'kubectl kustomize');
  assert.equal(normalize({ kustomize: { command: 'kubectl kustomize --enable-helm' } }).kustomize.command, 'kubectl kustomize');
});

test('normalize reads nested and dotted keys and the whole configuration object', () => {
  assert.equal(normalize({ codeLens: { enable: false } }).codeLens.enable, false);
  assert.equal(normalize({ 'codeLens.enable': false }).codeLens.enable, false);
  assert.equal(normalize({ statefulsetLens: { clusterDomain: 'Example.ORG.' } }).clusterDomain, 'example.org');
});

test('normalize drops invalid values one by one and accepts severity aliases', () => {
  const s = normalize({
    clusterDomain: 42, defaultNamespace: '  apps ', kubernetesVersion: 'v1.31.2', schemaValidation: 'sometimes',
    rules: { 'service-not-headless': 'warn', 'a-rule': 'OFF', 'b-rule': 'loud', 'c-rule': false }, exclude: ['charts/**', 3, ''],
  });
  assert.equal(s.clusterDomain, 'cluster.local');
  assert.equal(s.defaultNamespace, 'apps');
  assert.equal(s.kubernetesVersion, '1.31');
  assert.equal(s.schemaValidation, 'auto');
  assert.deepEqual(s.rules, { 'service-not-headless': 'warning', 'a-rule': 'off', 'c-rule': 'off' });
  assert.deepEqual(s.exclude, ['charts/**']);
});

test('schema validation in auto mode is off exactly when Red Hat YAML is active', () => {
  assert.equal(schemaValidationEnabled(normalize({}), false), true);
  assert.equal(schemaValidationEnabled(normalize({}), true), false);
  assert.equal(schemaValidationEnabled(normalize({ schemaValidation: 'on' }), true), true);
  assert.equal(schemaValidationEnabled(normalize({ schemaValidation: 'off' }), false), false);
});
