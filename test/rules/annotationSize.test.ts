// The 256 KiB limit on an object's annotations (ObjectMeta, R3): counted in UTF-8 bytes of keys and values,
// generated here rather than kept as a quarter-megabyte fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace } from '../../server/src/analysis/index';

function annotationFindings(value: string): { message: string; start: number; end: number }[] {
  const text = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n  annotations:\n    k: "${value}"\nspec:\n  serviceName: web\n`;
  const ws = new ManifestWorkspace();
  ws.setFile('file:///a.yaml', text);
  return ws
    .analyzeFile('file:///a.yaml', DEFAULT_ANALYSIS_SETTINGS)
    .findings.filter((f) => f.ruleId === 'invalid-annotation')
    .map((f) => ({ message: `${f.severity}: ${f.message}`, start: f.span.start, end: f.span.end }));
}

test('annotations of 262,144 bytes pass; one byte more is rejected, the finding on the first key', () => {
  assert.deepEqual(annotationFindings('x'.repeat(262144 - 1)), []);
  const start = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n  annotations:\n    '.length;
  assert.deepEqual(annotationFindings('x'.repeat(262144)), [
    {
      message:
        'error: The annotations in metadata.annotations total 262145 bytes: the API server rejects the StatefulSet (metadata.annotations: Too long: must have at most 262144 bytes). Move large data to a ConfigMap.',
      start,
      end: start + 1,
    },
  ]);
});

test('the annotation size counts UTF-8 bytes, not characters', () => {
  // 'é' is two bytes: 131,072 of them and the one-byte key make 262,145 bytes.
  assert.equal(annotationFindings('é'.repeat(131072))[0]?.message.includes('total 262145 bytes'), true);
  assert.deepEqual(annotationFindings('é'.repeat(131071)), []);
});
