// Every check must survive any shape of input: this replaces each value of a complete StatefulSet workspace,
// one at a time, with values of the wrong kind and runs the catalogue strictly (a throwing check fails).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace } from '../../server/src/analysis/index';
import { checkFileStrict } from '../../server/src/analysis/rules/index';
import { repoRoot } from '../support/paths';

const base = readFileSync(path.join(repoRoot, 'test/rules/fixtures/clean-workspace.yaml'), 'utf8');
const junk = ['', ' null', ' []', ' {}', ' "x"', ' 1', ' -1', ' 1.5', ' true', ' [1, [2]]', ' {a: {b: c}}', ' {{ .Values.x }}'];

test('no check throws when any value of a StatefulSet workspace has the wrong kind', () => {
  const lines = base.split('\n');
  let runs = 0;
  lines.forEach((line, i) => {
    const m = /^(\s*(?:- )?[A-Za-z0-9./-]+:)( .*)?$/.exec(line);
    if (!m) return;
    for (const j of junk) {
      const text = [...lines.slice(0, i), m[1] + j, ...lines.slice(i + 1)].join('\n');
      for (const uri of ['file:///w/a.yaml', 'file:///w/templates/a.yaml']) {
        const ws = new ManifestWorkspace();
        ws.setFile(uri, text);
        const file = ws.getFile(uri)!;
        for (const version of ['1.35', '1.30']) {
          const settings = { ...DEFAULT_ANALYSIS_SETTINGS, kubernetesVersion: version };
          const statefulSets = file.resources.filter((r) => r.recognized === 'StatefulSet').map((resource) => ({ resource, identity: ws.identityOf(resource, settings) }));
          assert.doesNotThrow(() => checkFileStrict({ file, workspace: ws, settings, statefulSets }), `line ${i + 1} as "${m[1] + j}"`);
          runs++;
        }
      }
    }
  });
  assert.ok(runs > 1000, `only ${runs} variants ran`);
});
