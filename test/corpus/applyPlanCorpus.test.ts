// The apply plan over the real manifests of ../shared/corpus: each file against itself has no step, and
// against damaged, edited or truncated versions of itself as baseline (seeded, reproducible) the plan never
// throws, points inside the text, and its quick fixes apply.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace, planFile } from '../../server/src/analysis/index';
import { applyEdits } from '../../server/src/analysis/applyEdits';
import { corpusDir, corpusMissing } from '../support/paths';
import { seededRandom } from '../support/seededRandom';

const files = corpusMissing ? [] : readdirSync(corpusDir).filter((f) => /\.ya?ml$/.test(f)).sort();

function planAgainst(uri: string, text: string, baseText: string) {
  const ws = new ManifestWorkspace();
  ws.setFile(uri, text);
  ws.setBaseline('file:///corpus/', { revision: 'HEAD', commit: 'c'.repeat(40), paths: new Set([uri]), texts: new Map([[uri, baseText]]) });
  return planFile(ws, uri, DEFAULT_ANALYSIS_SETTINGS);
}

test('every corpus manifest against itself as baseline: a plan with no step for each StatefulSet', { skip: corpusMissing }, () => {
  let planned = 0;
  for (const f of files) {
    const text = readFileSync(path.join(corpusDir, f), 'utf8');
    const plan = planAgainst(`file:///corpus/${f}`, text, text);
    for (const sts of plan.statefulSets) {
      if (plan.note) continue;
      planned++;
      assert.deepEqual(sts.steps, [], `${f} ${sts.name}`);
    }
  }
  assert.ok(planned > 40, `only ${planned} StatefulSets planned`);
});

test('damaged and edited baselines never make the plan throw; spans stay in the text and fixes apply', { skip: corpusMissing }, () => {
  const random = seededRandom(11);
  const edits: ((t: string) => string)[] = [
    (t) => t.slice(0, Math.floor(random() * t.length)),
    (t) => t.replace(/replicas: \d+/, `replicas: ${Math.floor(random() * 7)}`),
    (t) => t.replace(/serviceName: ?(\S+)/, 'serviceName: other'),
    (t) => t.replace(/storage: (\S+)/, 'storage: 3Gi'),
    (t) => t.replace(/image: (\S+)/, 'image: busybox:1'),
    (t) => t.replace(/name: (\S+)/, 'name: renamed-$1'),
    (t) => t.replace(/matchLabels:/, 'matchLabels:\n      tier: x'),
    (t) => t.split('\n').filter(() => random() > 0.05).join('\n'),
  ];
  let steps = 0;
  for (const f of files) {
    const text = readFileSync(path.join(corpusDir, f), 'utf8');
    const uri = `file:///corpus/${f}`;
    for (const edit of edits) {
      for (const [current, base] of [[text, edit(text)], [edit(text), text]]) {
        const plan = planAgainst(uri, current, base);
        for (const finding of plan.findings) {
          steps++;
          assert.ok(finding.span.start >= 0 && finding.span.end <= current.length && finding.span.start <= finding.span.end, `${f}: span ${JSON.stringify(finding.span)}`);
          for (const fix of finding.fixes ?? []) assert.ok(applyEdits(current, fix.edits).ok, `${f}: fix "${fix.title}" does not apply`);
        }
        for (const sts of plan.statefulSets) assert.doesNotMatch(sts.note ?? '', /could not compute/, `${f}: ${sts.note}`);
      }
    }
  }
  assert.ok(steps > 200, `only ${steps} plan findings`);
});
