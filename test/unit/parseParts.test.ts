// A large text is parsed in parts (cut at `---` lines, `partsOf`), some by the server's parse worker and some on
// its main thread at once; `assembleParts` must give exactly what the whole-file parse gives — documents, spans,
// problems, resources, layout — or nothing, and then the whole-file parse decides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { assembleParts, MAX_UNCUT_PART, parsePart, parsePartSteps, parseWholeFile, partsOf } from '../../server/src/analysis/parse';
import { corpusDir, corpusMissing, examplesDir } from '../support/paths';

const example = readFileSync(path.join(examplesDir, 'random-generator.yaml'), 'utf8');

function generated(pairs: number, eol = '\n'): string {
  const [svc, sts] = example.replace(/^#.*\n/gm, '').split(/\n---\n/);
  const docs: string[] = [];
  for (let i = 0; i < pairs; i++) docs.push(svc.replaceAll('random-generator', `rg-${i}`), sts.replaceAll('random-generator', `rg-${i}`));
  return docs.join('\n---\n').replaceAll('\n', eol) + eol;
}

/** The parse of `text` in parts of about `partLength`, or undefined when it is not cut or not taken. */
function inParts(uri: string, text: string, partLength: number) {
  const cuts = partsOf(uri, text, partLength);
  if (!cuts) return undefined;
  const parts = cuts.slice(0, -1).map((start, i) => parsePart(uri, text, start, cuts[i + 1]));
  return assembleParts(uri, text, parts);
}

test('a generated file parsed in parts is exactly its whole-file parse, at every part length', () => {
  const uri = 'file:///w/generated.yaml';
  for (const text of [generated(40), generated(25, '\r\n'), `\uFEFF# head\n---\n${generated(10)}---\n...\n---\n--- # trailing\n`]) {
    for (const partLength of [300, 1000, 4000]) {
      const cuts = partsOf(uri, text, partLength)!;
      assert.ok(cuts.length > 3, `cut into parts at ${partLength}`);
      for (const at of cuts.slice(1, -1)) assert.equal(text.slice(at, at + 3), '---');
      assert.deepEqual(inParts(uri, text, partLength), parseWholeFile(uri, text));
    }
  }
});

test('anchors, merge keys, a List, warnings and comments around --- assemble as the whole file parses them', () => {
  const uri = 'file:///w/awkward.yaml';
  const awkward = `# leading\n---\nbase: &base {a: 1, b: 2}\nuse:\n  <<: *base\n  c: 3\n---\napiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: Service, metadata: {name: s}}\n# between\n---\nkey: !!unknown x\n`;
  const text = `${awkward}---\n${generated(6)}---\n${awkward}`;
  const whole = parseWholeFile(uri, text);
  assert.ok(whole.file.problems.length > 0, 'the unknown tag is a warning');
  assert.deepEqual(inParts(uri, text, 200), whole);
});

test('texts that parts cannot reproduce are not cut, and a part with a YAML error is not assembled', () => {
  const big = generated(20);
  const notCut = (uri: string, text: string) => assert.equal(partsOf(uri, text, 300), undefined, text.slice(0, 40));
  notCut('file:///w/helm.yaml', `${big}---\nname: {{ .Values.name }}\n`);
  notCut('file:///w/directive.yaml', `%YAML 1.2\n---\n${big}`);
  notCut('file:///w/cr.yaml', big.replace('\n', '\r'));
  notCut('file:///chart/templates/sts.yaml', big);
  notCut('file:///w/deep.yaml', `${big}---\nx: ${'['.repeat(1001)}${']'.repeat(1001)}\n`);
  notCut('file:///w/small.yaml', generated(1).slice(0, 599));
  const broken = `${big}---\nkey: [unclosed\n---\n${big}`;
  assert.equal(inParts('file:///w/broken.yaml', broken, 300), undefined);
  assert.ok(parseWholeFile('file:///w/broken.yaml', broken).file.problems.some((p) => p.ruleId === 'yaml-syntax'));
});

test('a large text with no cut is one part, parsed with pauses inside its one document, exactly as it parses whole', () => {
  const uri = 'file:///w/labels.yaml';
  const labels = Array.from({ length: 3000 }, (_, i) => `    key-${i}: "value ${i}"  # label ${i}`).join('\n');
  const text = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n  labels:\n${labels}\nspec:\n  serviceName: web\n  replicas: 1\n`;
  assert.deepEqual(partsOf(uri, text, 1000), [0, text.length]);
  const steps = parsePartSteps(uri, text, 0, text.length);
  let pauses = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) pauses++;
  // Every 4096 lexemes of the document, then once after the document: it was not read in one piece.
  assert.ok(pauses >= 5, `${pauses} pauses`);
  assert.deepEqual(assembleParts(uri, text, [step.value]), parseWholeFile(uri, text));
  // Over MAX_UNCUT_PART, the text is left to the caller (the server's parse worker).
  const huge = text + `# ${'x'.repeat(MAX_UNCUT_PART)}\n`;
  assert.equal(partsOf(uri, huge, 1000), undefined);
});

test('corpus manifests, joined four at a time into multi-document files, assemble from parts exactly as they parse whole', (t) => {
  if (corpusMissing) return t.skip(corpusMissing);
  const texts = readdirSync(corpusDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => readFileSync(path.join(corpusDir, f), 'utf8'))
    // Helm templates and files with a directive or a YAML error are never cut (tested above).
    .filter((x) => !/\{\{|(^|\n)%|\r(?!\n)/.test(x) && !parseWholeFile('file:///c.yaml', x).file.problems.some((p) => p.severity === 'error'));
  assert.ok(texts.length > 50, `${texts.length} corpus files`);
  let compared = 0;
  // Files joined four at a time, each starting with its own `---` line.
  for (let i = 0; i < texts.length; i += 4) {
    const text = texts.slice(i, i + 4).map((x) => `---\n${x.endsWith('\n') ? x : `${x}\n`}`).join('');
    const uri = `file:///corpus/joined-${i}.yaml`;
    const parts = inParts(uri, text, 500);
    if (!parts) continue;
    assert.deepEqual(parts, parseWholeFile(uri, text), uri);
    compared++;
  }
  assert.ok(compared >= texts.length / 4 - 3, `${compared} joined files compared`);
});
