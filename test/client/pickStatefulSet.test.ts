// Tests of which StatefulSet "Show Preview" picks from the cursor in a multi-document file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StatefulSetSummary } from '../../server/src/protocol';
import { documentIndexOfLines, statefulSetAtLine } from '../../client/src/preview/pickStatefulSet';

const summary = (name: string, line: number): StatefulSetSummary => ({
  name,
  namespace: 'default',
  range: { start: { line, character: 8 }, end: { line, character: 8 + name.length } },
});

const file = [
  '# leading comment',      // 0  doc 0
  '---',                    // 1  doc 0 (opens the first document)
  'kind: StatefulSet',      // 2
  'metadata:',              // 3
  '  name: web',            // 4
  '---',                    // 5  doc 1
  'kind: Service',          // 6
  '---',                    // 7  doc 2
  'kind: StatefulSet',      // 8
  'metadata:',              // 9
  '  name: db',             // 10
  '...',                    // 11 end of doc 2
  'kind: StatefulSet',      // 12 doc 3
];

test('documents are counted at --- after content and after ... ends; a leading --- opens the first one', () => {
  assert.deepEqual(documentIndexOfLines(file), [0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 2, 2, 3]);
});

test('the StatefulSet in the cursor\'s document is chosen, wherever in that document the cursor is', () => {
  const all = [summary('web', 4), summary('db', 10)];
  assert.equal(statefulSetAtLine(file, all, 2)?.name, 'web');
  assert.equal(statefulSetAtLine(file, all, 9)?.name, 'db');
});

test('a cursor in a document without a StatefulSet leaves the choice to the user, unless there is only one', () => {
  assert.equal(statefulSetAtLine(file, [summary('web', 4), summary('db', 10)], 6), undefined);
  assert.equal(statefulSetAtLine(file, [summary('db', 10)], 6)?.name, 'db');
});
