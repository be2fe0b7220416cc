// Unit tests of the rule catalogue's pure helpers: Kubernetes name/label/quantity validators, the nearest
// valid value, target-version comparison, suppression comments, and the rule table's shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/analysis/index';
import { readFileSync } from 'node:fs';
import { parseRuleFlag, readRulesConfig, RULES } from '../../server/src/analysis/rules/index';
import { repoRoot } from '../support/paths';
import { compareVersions, parseKubernetesVersion, targetVersion } from '../../server/src/analysis/rules/kubernetesVersion';
import { editDistance, nearestValue } from '../../server/src/analysis/rules/nearestValue';
import { parseSuppressions } from '../../server/src/analysis/rules/suppressions';
import {
  dns1035LabelErrors, dns1123LabelErrors, dns1123SubdomainErrors, isPercentString, labelKeyErrors, labelValueErrors, parseQuantity,
} from '../../server/src/analysis/rules/validators';

test('DNS-1123 labels accept lowercase names up to 63 characters and say why others fail', () => {
  assert.deepEqual(dns1123LabelErrors('web-0'), []);
  assert.deepEqual(dns1123LabelErrors('1db'), []);
  assert.deepEqual(dns1123LabelErrors('a'.repeat(63)), []);
  assert.deepEqual(dns1123LabelErrors('a'.repeat(64)), ['must be no more than 63 characters']);
  assert.deepEqual(dns1123LabelErrors('web.example'), ['must not contain dots']);
  assert.equal(dns1123LabelErrors('Web').length, 1);
  assert.equal(dns1123LabelErrors('-web').length, 1);
  assert.equal(dns1123LabelErrors('').length, 1);
});

test('DNS-1123 subdomains allow dots and 253 characters; DNS-1035 labels must start with a letter', () => {
  assert.deepEqual(dns1123SubdomainErrors('data-web-0.example'), []);
  assert.deepEqual(dns1123SubdomainErrors('a'.repeat(254)), ['must be no more than 253 characters']);
  assert.equal(dns1123SubdomainErrors('a..b').length, 1);
  assert.deepEqual(dns1035LabelErrors('web'), []);
  assert.equal(dns1035LabelErrors('1web').length, 1);
});

test('label keys take an optional DNS prefix and label values may be empty', () => {
  assert.deepEqual(labelKeyErrors('app.kubernetes.io/name'), []);
  assert.deepEqual(labelKeyErrors('app'), []);
  assert.equal(labelKeyErrors('-app').length, 1);
  assert.deepEqual(labelKeyErrors('/app'), ['prefix part must be non-empty']);
  assert.equal(labelKeyErrors('a/b/c').length, 1);
  assert.deepEqual(labelValueErrors(''), []);
  assert.deepEqual(labelValueErrors('My_Value.1'), []);
  assert.equal(labelValueErrors('two words').length, 1);
  assert.deepEqual(labelValueErrors('a'.repeat(64)), ['must be no more than 63 characters']);
});

test('quantities follow Kubernetes syntax: binary and decimal suffixes, exponents, and no units like GB', () => {
  assert.equal(parseQuantity('1Gi')?.value, 2 ** 30);
  assert.equal(parseQuantity('10Mi')?.value, 10 * 2 ** 20);
  assert.equal(parseQuantity('500M')?.value, 5e8);
  assert.equal(parseQuantity('1.5G')?.value, 1.5e9);
  assert.equal(parseQuantity('1e3')?.value, 1000);
  assert.equal(parseQuantity('100m')?.value, 0.1);
  assert.equal(parseQuantity('0')?.value, 0);
  assert.equal(parseQuantity('-1Gi')?.value, -(2 ** 30));
  for (const bad of ['10GB', '1gi', 'lots', '', '1 Gi', 'Gi', '1.2.3']) assert.equal(parseQuantity(bad), undefined, bad);
});

test('percent strings are digits followed by a percent sign', () => {
  assert.ok(isPercentString('25%'));
  assert.ok(!isPercentString('25'));
  assert.ok(!isPercentString('2.5%'));
  assert.ok(!isPercentString('50 %'));
});

test('the nearest valid value fixes typos and case but does not guess wildly', () => {
  assert.equal(nearestValue('Paralel', ['OrderedReady', 'Parallel']), 'Parallel');
  assert.equal(nearestValue('parallel', ['OrderedReady', 'Parallel']), 'Parallel');
  assert.equal(nearestValue('ordered-ready', ['OrderedReady', 'Parallel']), 'OrderedReady');
  assert.equal(nearestValue('ondelete', ['RollingUpdate', 'OnDelete']), 'OnDelete');
  assert.equal(nearestValue('Rolling', ['RollingUpdate', 'OnDelete']), undefined);
  assert.equal(nearestValue('Keep', ['Retain', 'Delete']), undefined);
});

test('Kubernetes versions compare numerically by major and minor', () => {
  assert.deepEqual(parseKubernetesVersion('1.35'), { major: 1, minor: 35 });
  assert.deepEqual(parseKubernetesVersion('v1.9.3'), { major: 1, minor: 9 });
  assert.equal(parseKubernetesVersion('latest'), undefined);
  assert.ok(compareVersions({ major: 1, minor: 9 }, { major: 1, minor: 35 }) < 0);
  assert.ok(compareVersions({ major: 2, minor: 0 }, { major: 1, minor: 35 }) > 0);
  assert.deepEqual(targetVersion('nonsense'), { major: 1, minor: 35 });
});

test('suppression comments apply to the next line or to their document, and keep the span of each id', () => {
  const text = [
    'a: 1',
    '# statefulset-lens-disable-next-line rule-a, rule-b -- reason',
    'b: 2',
    'c: 3',
    '---',
    '# statefulset-lens-disable rule-c',
    'd: 4',
    '---',
    'e: 5 # statefulset-lens-disable-next-line',
    'f: 6',
  ].join('\n');
  const file = parseFile('file:///s.yaml', text);
  const s = parseSuppressions(file);
  const at = (needle: string) => text.indexOf(needle);
  assert.ok(s.isSuppressed('rule-a', at('b: 2')));
  assert.ok(s.isSuppressed('rule-b', at('b: 2')));
  assert.ok(!s.isSuppressed('rule-a', at('c: 3')));
  assert.ok(!s.isSuppressed('reason', at('b: 2')));
  assert.ok(s.isSuppressed('rule-c', at('d: 4')));
  assert.ok(!s.isSuppressed('rule-c', at('a: 1')));
  assert.ok(s.isSuppressed('anything', at('f: 6')), 'a comment without ids suppresses every rule on the next line');
  assert.deepEqual(s.comments[0].ids.map((i) => [i.id, text.slice(i.span.start, i.span.end)]), [['rule-a', 'rule-a'], ['rule-b', 'rule-b']]);
});

test('the rule table has unique kebab-case ids with a severity and a one-sentence description', () => {
  const ids = RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const r of RULES) {
    assert.match(r.id, /^[a-z]+(-[a-z0-9]+)*$/);
    assert.ok(['error', 'warning', 'information', 'hint'].includes(r.defaultSeverity));
    assert.match(r.description, /^[A-Za-z].*\.$/);
  }
});

test('docs/rules.md has a section (anchor) and a table row for every rule in the table', () => {
  const docs = readFileSync(`${repoRoot}/docs/rules.md`, 'utf8');
  for (const r of RULES) {
    assert.ok(docs.includes(`\n## ${r.id}\n`), `no section for ${r.id}`);
    assert.ok(docs.includes(`| [\`${r.id}\`](#${r.id}) | ${r.defaultSeverity} |`), `no table row for ${r.id}`);
  }
});

test('rule overrides from flags and config files are validated with a suggestion for a mistyped id', () => {
  assert.deepEqual(parseRuleFlag('no-pod-anti-affinity=off'), { id: 'no-pod-anti-affinity', level: 'off' });
  assert.deepEqual(parseRuleFlag('service-not-headless=Error'), { id: 'service-not-headless', level: 'error' });
  assert.deepEqual(parseRuleFlag('service-not-headles=error'), { error: 'Unknown rule id "service-not-headles". Did you mean "service-not-headless"?' });
  assert.deepEqual(parseRuleFlag('service-not-headless=loud'), { error: 'Unknown severity "loud" for rule service-not-headless: use one of off, hint, information, warning, error.' });
  assert.deepEqual(parseRuleFlag('off'), { error: 'Expected --rule <rule-id>=<severity>, got "off".' });
  assert.deepEqual(readRulesConfig({ 'zero-termination-grace': 'info', nope: 'off' }), {
    rules: { 'zero-termination-grace': 'information' },
    errors: ['Unknown rule id "nope". See docs/rules.md for the rule ids.'],
  });
});

test('nearestValue with its search bounds proposes exactly what a full edit-distance search proposes', () => {
  // The plain definition: every distance computed in full, the first nearest value, accepted within a third of its length.
  const full = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    return d[a.length][b.length];
  };
  const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
  const reference = (value: string, valid: string[]): string | undefined => {
    const exact = valid.find((v) => norm(v) === norm(value));
    if (exact !== undefined) return exact;
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const v of valid) {
      const dist = full(norm(value), norm(v));
      if (dist < bestDistance) [best, bestDistance] = [v, dist];
    }
    return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
  };
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  const word = () => Array.from({ length: rand(14) }, () => 'abcAB-_ '[rand(8)]).join('');
  let proposals = 0;
  for (let k = 0; k < 4000; k++) {
    const valid = Array.from({ length: 1 + rand(8) }, word);
    const value = rand(3) === 0 ? valid[0].split('').reverse().join('') : word();
    const expected = reference(value, valid);
    if (expected !== undefined) proposals++;
    assert.equal(nearestValue(value, valid), expected, `${JSON.stringify(value)} in ${JSON.stringify(valid)}`);
    for (const v of valid) assert.equal(editDistance(norm(value), norm(v)), full(norm(value), norm(v)));
  }
  assert.ok(proposals > 500, `only ${proposals} cases had a proposal`);
});
