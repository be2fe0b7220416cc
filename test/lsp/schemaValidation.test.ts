// Tests of schema validation on the analysis' parse (server/src/schema/schemaValidation.ts, with the validator
// that scripts/generateValidator.mjs generates): which documents the schema applies to, the exact range and
// message of each kind of problem (worded as yaml-language-server worded them), and the per-document cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lineStarts, offsetToPosition, parseFile, type Finding, type ManifestDocument, type ParsedFile, type Span, type YNode } from '../../server/src/analysis/index';
import bundledValidate from '../../server/src/schema/generated/validateK8s.js';
import {
  MAX_SCHEMA_PROBLEMS_PER_DOCUMENT, bundledSchemaValidator, createSchemaValidator, withoutFindingDuplicates, type SchemaDiagnostic,
} from '../../server/src/schema/schemaValidation';
import { RANDOM_GENERATOR } from '../support/lspFixtures';
import { repoRoot } from '../support/paths';

const URI = 'file:///w/x.yaml';

/** `line:character-line:character message`, zero-based, in text order. */
function render(text: string, diagnostics: SchemaDiagnostic[]): string[] {
  const starts = lineStarts(text);
  const at = (o: number) => {
    const p = offsetToPosition(starts, o);
    return `${p.line}:${p.character}`;
  };
  return diagnostics.map((d) => `${at(d.span.start)}-${at(d.span.end)} ${d.message}`);
}

function validate(text: string): string[] {
  return render(text, createSchemaValidator().validateFile(parseFile(URI, text)));
}

const STS = (spec: string, extra = '') => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
${extra}spec:
  serviceName: web
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx
${spec}`;

test('the clean example has no schema problems', () => {
  assert.deepEqual(validate(RANDOM_GENERATOR), []);
});

test('a string replicas is a type error, an unknown update strategy an enum error, a negative partition below the minimum', () => {
  // The same positions and messages yaml-language-server gave (test/lsp/yamlEngine.test.ts had them).
  const text = RANDOM_GENERATOR.replace('replicas: 2', 'replicas: "two"').replace(
    '  volumeClaimTemplates:', '  updateStrategy:\n    type: Rolling\n    rollingUpdate:\n      partition: -1\n  volumeClaimTemplates:');
  assert.deepEqual(validate(text), [
    '18:12-18:17 Incorrect type. Expected "integer".',
    '37:10-37:17 Value is not accepted. Valid values: "RollingUpdate", "OnDelete".',
    '39:17-39:19 Value is below the minimum of 0.',
  ]);
});

test('unknown fields, bad access modes and protocols are flagged only in the kinds the schema knows', () => {
  const text = [
    'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: c', 'data:', '  a: b', 'replicas: "x"', '---',
    'apiVersion: apps/v1', 'kind: Deployment', 'spec:', '  replicas: "x"', '---',
    'apiVersion: v1', 'kind: PersistentVolumeClaim', 'metadata:', '  name: p', 'spec:', '  accessModes: [ReadWriteAlways]', '---',
    'apiVersion: v1', 'kind: Service', 'metadata:', '  name: s', 'spec:', '  ports:', '    - port: 80', '      protocol: HTTP', '  serviceNmae: x',
  ].join('\n');
  assert.deepEqual(validate(text), [
    '18:16-18:31 Value is not accepted. Valid values: "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod".',
    '27:16-27:20 Value is not accepted. Valid values: "TCP", "UDP", "SCTP".',
    '28:2-28:13 Property serviceNmae is not allowed.',
  ]);
});

test('a StatefulSet of another apiVersion gets no schema, and any document must have string kind and apiVersion', () => {
  const text = 'apiVersion: apps/v1beta1\nkind: StatefulSet\nspec:\n  replicas: "x"\n---\napiVersion: 5\nkind: ConfigMap\n---\nkind: [a]\n---\n- a\n---\nplain\n';
  assert.deepEqual(validate(text), [
    '5:12-5:13 Incorrect type. Expected "string".',
    '8:6-8:9 Incorrect type. Expected "string".',
  ]);
});

test('each kind of problem has the exact range and message an editor shows', () => {
  const text = STS(`  replicas: -1
  podManagementPolicy: Paralel
  serviceNmae: web
  minReadySeconds: 1.5
  updateStrategy:
    rollingUpdate:
      maxUnavailable: true
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ReadWriteOnce
        resources:
          requests:
            storage: [1Gi]
`, '  labels:\n    tier: 1\n');
  // Checked against yaml-language-server 2.0.0 with the same schema: the same ranges and messages.
  assert.deepEqual(validate(text), [
    '5:10-5:11 Incorrect type. Expected "string".',
    '19:12-19:14 Value is below the minimum of 0.',
    '20:23-20:30 Value is not accepted. Valid values: "OrderedReady", "Parallel".',
    // A key the schema does not know is reported on the key.
    '21:2-21:13 Property serviceNmae is not allowed.',
    '22:19-22:22 Incorrect type. Expected "integer".',
    // An IntOrString is one problem naming both accepted types, not one per alternative.
    '25:22-25:26 Incorrect type. Expected "integer | string".',
    '30:21-30:34 Incorrect type. Expected "array".',
    '33:21-33:26 Incorrect type. Expected "string | number".',
  ]);
});

test('a missing property is reported on the key of its object, or on the first character of an object with no key', () => {
  const text = 'apiVersion: apps/v1\nkind: StatefulSet\nspec: {}\n---\napiVersion: v1\nkind: Service\nspec:\n  ports:\n    - name: http\n    - {port: 1, targetPort: x}\n';
  assert.deepEqual(validate(text), [
    '2:0-2:4 Missing property "selector".',
    '2:0-2:4 Missing property "template".',
    '8:6-8:7 Missing property "port".',
  ]);
});

test('an empty value is a type error where the value would be, and an object given a scalar says "object"', () => {
  // yaml-language-server said the definition id (`Expected "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"`).
  const text = 'apiVersion: v1\nkind: Service\nmetadata: web\nspec:\n  clusterIP:\n  selector:\n  ports:\n    - port: 70000\n';
  assert.deepEqual(validate(text), [
    '2:10-2:13 Incorrect type. Expected "object".',
    '4:12-4:12 Incorrect type. Expected "string".',
    '5:11-5:11 Incorrect type. Expected "object".',
    '7:12-7:17 Value is above the maximum of 65535.',
  ]);
});

test('keys that name Object.prototype members are data like any other key', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  __proto__: {}\n  constructor: x\n  labels:\n    toString: 1\n';
  assert.deepEqual(validate(text), [
    '4:2-4:11 Property __proto__ is not allowed.',
    '5:2-5:13 Property constructor is not allowed.',
    '7:14-7:15 Incorrect type. Expected "string".',
  ]);
});

test('a sequence that broken YAML turns into a key is not reported as an unknown property', () => {
  const text = 'apiVersion: v1\nkind: Service\nspec:\n  ports: -1\n  - name: http\n    port: 80\n';
  assert.ok(parseFile(URI, text).problems.some((p) => p.ruleId === 'yaml-syntax'));
  assert.deepEqual(validate(text), ['3:9-3:11 Incorrect type. Expected "array".']);
});

test('problems beyond the per-document cap are counted in one last problem at the start of the document', () => {
  const keys = Array.from({ length: MAX_SCHEMA_PROBLEMS_PER_DOCUMENT + 7 }, (_, i) => `  extra${i}: 1`).join('\n');
  const text = `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n${keys}\n`;
  const got = validate(text);
  assert.equal(got.length, MAX_SCHEMA_PROBLEMS_PER_DOCUMENT + 1);
  assert.equal(got[0], '0:0-0:1 7 more schema problems in this document are not shown.');
  assert.equal(got[1], '3:2-3:8 Property extra0 is not allowed.');
  const last = `extra${MAX_SCHEMA_PROBLEMS_PER_DOCUMENT - 1}`;
  assert.equal(got[MAX_SCHEMA_PROBLEMS_PER_DOCUMENT], `${MAX_SCHEMA_PROBLEMS_PER_DOCUMENT + 2}:2-${MAX_SCHEMA_PROBLEMS_PER_DOCUMENT + 2}:${2 + last.length} Property ${last} is not allowed.`);
});

test('every validation keyword of the bundled schema has a worded message', () => {
  const schema = JSON.parse(readFileSync(path.join(repoRoot, 'server/schemas/k8s-statefulset-lens.schema.json'), 'utf8'));
  const keywords = new Set<string>();
  const walk = (node: unknown, namesHere: boolean): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, false));
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (!namesHere) keywords.add(k);
      walk(v, !namesHere && (k === 'properties' || k === 'definitions'));
    }
  };
  walk(schema, false);
  // Keywords that never fail on their own (structure, documentation) and those problemsOf words.
  const structural = ['$schema', '$comment', '$ref', 'definitions', 'properties', 'items', 'allOf', 'if', 'then', 'description', 'default', 'examples'];
  const worded = ['type', 'enum', 'const', 'minimum', 'maximum', 'required', 'additionalProperties', 'oneOf'];
  assert.deepEqual([...keywords].filter((k) => !structural.includes(k) && !worded.includes(k)), []);
});

/** Moves every span of a document by `delta` in place, as an incremental parse does to an unchanged document. */
function shiftInPlace(doc: ManifestDocument, delta: number): ManifestDocument {
  const seen = new Set<Span>();
  const move = (s: Span) => {
    if (seen.has(s)) return;
    seen.add(s);
    s.start += delta;
    s.end += delta;
  };
  const walk = (n: YNode | undefined): void => {
    if (!n) return;
    move(n.span);
    if (n.kind === 'seq') n.items.forEach(walk);
    if (n.kind === 'map') for (const p of n.pairs) {
      move(p.key.span);
      walk(p.value);
    }
  };
  move(doc.span);
  walk(doc.root);
  return doc;
}

test('an edit in one document of a file validates that document only; the others keep their results and show moved spans', () => {
  let validations = 0;
  const counting = Object.assign((data: unknown) => {
    validations++;
    const ok = bundledValidate(data);
    counting.errors = bundledValidate.errors;
    return ok;
  }, { errors: null as typeof bundledValidate.errors });
  const validator = createSchemaValidator(counting);
  const before = RANDOM_GENERATOR.replace('  replicas: 2\n', '  replicas: 2\n  podManagementPolicy: Paralel\n') +
    '---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: p\nspec:\n  accessModes: [ReadWriteAlways]\n';
  const first = parseFile(URI, before);
  assert.equal(first.documents.length, 3);
  const expectedBefore = render(before, validator.validateFile(first));
  assert.deepEqual(expectedBefore, [
    '19:23-19:30 Value is not accepted. Valid values: "OrderedReady", "Parallel".',
    '51:16-51:31 Value is not accepted. Valid values: "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod".',
  ]);
  assert.equal(validations, 3);
  // The same parse again (a diagnostics pull with nothing changed) validates nothing.
  assert.deepEqual(render(before, validator.validateFile(first)), expectedBefore);
  assert.equal(validations, 3);

  // Edit the Service (the first document): one more line, and a port over the maximum.
  const after = before.replace('      port: 8080\n', '      port: 80800\n      targetPort: 8080\n');
  const fresh = parseFile(URI, after);
  const delta = after.length - before.length;
  // What an incremental parse hands over: a new first document, the same objects for the others, moved.
  const incremental: ParsedFile = { ...fresh, documents: [fresh.documents[0], shiftInPlace(first.documents[1], delta), shiftInPlace(first.documents[2], delta)] };
  const got = render(after, validator.validateFile(incremental));
  assert.equal(validations, 4, 'only the edited document is validated again');
  assert.deepEqual(got, render(after, createSchemaValidator().validateFile(fresh)), 'the same as a from-scratch validation');
  assert.deepEqual(got, [
    '10:12-10:17 Value is above the maximum of 65535.',
    '20:23-20:30 Value is not accepted. Valid values: "OrderedReady", "Parallel".',
    '52:16-52:31 Value is not accepted. Valid values: "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod".',
  ]);
});

test('a schema problem exactly where a finding is reported is dropped; others stay', () => {
  const diagnostics: SchemaDiagnostic[] = [
    { span: { start: 10, end: 17 }, message: 'Value is not accepted. Valid values: "OrderedReady", "Parallel".' },
    { span: { start: 10, end: 18 }, message: 'overlaps but is not the same range' },
    { span: { start: 40, end: 45 }, message: 'Property x is not allowed.' },
  ];
  const finding = (start: number, end: number): Finding => ({ ruleId: 'invalid-pod-management-policy', severity: 'error', message: 'm', uri: URI, span: { start, end } });
  assert.deepEqual(withoutFindingDuplicates(diagnostics, [finding(10, 17), finding(0, 3)]).map((d) => d.message), ['overlaps but is not the same range', 'Property x is not allowed.']);
  assert.deepEqual(withoutFindingDuplicates(diagnostics, []), diagnostics);
});

test('the server-wide validator reuses a parse\'s results', () => {
  const file = parseFile(URI, RANDOM_GENERATOR.replace('replicas: 2', 'replicas: x'));
  const a = bundledSchemaValidator.documentProblems(file.documents[1]);
  assert.equal(a.length, 1);
  assert.equal(bundledSchemaValidator.documentProblems(file.documents[1]), a);
});
