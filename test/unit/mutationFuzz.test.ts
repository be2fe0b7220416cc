// Deterministic mutation fuzzing of the analysis: real manifests from the corpus, damaged at random (bytes
// deleted, junk inserted, lines duplicated or re-indented, template syntax dropped in), must analyse without a
// throw, in bounded time, with every finding's span inside the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace } from '../../server/src/analysis/index';
import { checkFileStrict } from '../../server/src/analysis/rules/index';
import { corpusDir, corpusMissing } from '../support/paths';
import { seededRandom } from '../support/seededRandom';

const JUNK = ['{{ .Values.x }}', '*a', '&a ', '---\n', ':', '- ', '\t', '"', "'", '[', '}', '\u0000', '😀', '\r\n', '  ', '<<: *a\n', '!!binary ', '? '];

function mutate(text: string, rnd: () => number): string {
  let t = text;
  const steps = 1 + Math.floor(rnd() * 4);
  for (let s = 0; s < steps; s++) {
    const at = Math.floor(rnd() * (t.length + 1));
    switch (Math.floor(rnd() * 5)) {
      case 0:
        t = t.slice(0, at) + t.slice(Math.min(t.length, at + 1 + Math.floor(rnd() * 40)));
        break;
      case 1:
        t = t.slice(0, at) + JUNK[Math.floor(rnd() * JUNK.length)] + t.slice(at);
        break;
      case 2: {
        const lines = t.split('\n');
        const i = Math.floor(rnd() * lines.length);
        lines.splice(i, 0, lines[i] ?? '');
        t = lines.join('\n');
        break;
      }
      case 3: {
        const lines = t.split('\n');
        const i = Math.floor(rnd() * lines.length);
        lines[i] = (rnd() < 0.5 ? ' ' : '') + (lines[i] ?? '').replace(/^ {1,2}/, '');
        t = lines.join('\n');
        break;
      }
      default:
        t = t.slice(0, at) + t.slice(at).replace(/: \S+/, ': {{ .Values.v }}');
    }
  }
  return t;
}

test('damaged real manifests analyse without a throw or a hang, with spans inside the text', { skip: corpusMissing }, () => {
  const files = readdirSync(corpusDir).filter((f) => /\.ya?ml$/.test(f)).sort();
  const rnd = seededRandom(20261125);
  let runs = 0;
  for (const f of files) {
    const original = readFileSync(path.join(corpusDir, f), 'utf8');
    for (let i = 0; i < 30; i++) {
      const text = mutate(original, rnd);
      const ws = new ManifestWorkspace();
      ws.setFile(f, text);
      const t0 = Date.now();
      const analysis = ws.analyzeFile(f, DEFAULT_ANALYSIS_SETTINGS);
      // The strict variant rethrows a crashing check instead of dropping it.
      const file = ws.getFile(f)!;
      checkFileStrict({ file, workspace: ws, settings: DEFAULT_ANALYSIS_SETTINGS, statefulSets: analysis.identities.map((identity, k) => ({ resource: file.resources.filter((r) => r.recognized === 'StatefulSet')[k], identity })) });
      // A hang guard only (a mutation costs milliseconds); speed is the benchmark's to measure.
      assert.ok(Date.now() - t0 < 10_000, `${f} mutation ${i} took ${Date.now() - t0} ms`);
      for (const finding of analysis.findings) {
        assert.ok(finding.span.start >= 0 && finding.span.start <= finding.span.end && finding.span.end <= text.length, `${f} mutation ${i}: ${finding.ruleId} span ${JSON.stringify(finding.span)} outside ${text.length}`);
      }
      assert.ok(!analysis.findings.some((x) => x.ruleId === 'internal-error'), `${f} mutation ${i}: a check crashed`);
      runs++;
    }
  }
  assert.ok(runs >= 2000, `ran ${runs} mutations`);
});
