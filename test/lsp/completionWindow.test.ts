// Completion reads the cursor's YAML document, not the whole file: documentAround cuts the lines cursorContext
// reads (from the document marker above to the one below) and lineAt reads one line from the cached line table.
// Both must give exactly what splitting the whole text gives, whatever the line breaks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cursorContext } from '../../server/src/features/cursorContext';
import { documentAround } from '../../server/src/features/completions';
import { lineAt } from '../../server/src/features/ranges';

const DOCS = [
  '# a comment\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  clusterIP: None\n',
  '--- # second\napiVersion: apps/v1\nkind: StatefulSet\nspec:\n  serviceName: \n  template:\n    spec:\n      containers:\n        - name: app\n          volumeMounts:\n            - name: \n',
  '---\n\n# only a comment\n',
  '...\n---\nkind: PersistentVolumeClaim\nspec:\n  accessModes: [Read\n',
  '--- \nspec:\n  - - \n  ',
];

for (const [name, br] of [['\\n', '\n'], ['\\r\\n', '\r\n'], ['a lone \\r', '\r']] as const) {
  const text = DOCS.join('').replace(/\n/g, br);
  const lines = text.split(/\r\n|\r|\n/);

  test(`lineAt reads every line as splitting the text does (${name} line breaks), and undefined past the end`, () => {
    for (let i = 0; i < lines.length; i++) assert.equal(lineAt(text, i), lines[i], `line ${i}`);
    assert.equal(lineAt(text, lines.length), undefined);
    assert.equal(lineAt(text, -1), undefined);
  });

  test(`cursorContext on the cursor's document equals cursorContext on the whole text at every position (${name} line breaks)`, () => {
    for (let line = 0; line <= lines.length + 1; line++) {
      const around = documentAround(text, line);
      for (let character = 0; character <= (lines[line]?.length ?? 0) + 2; character++) {
        assert.deepEqual(cursorContext(around.text, around.line, character), cursorContext(text, line, character), `at ${line}:${character}`);
      }
    }
  });
}

test('documentAround keeps only the lines from the marker above the cursor to the marker below it', () => {
  const text = DOCS.join('');
  const serviceName = text.split('\n').indexOf('  serviceName: ');
  const around = documentAround(text, serviceName);
  assert.equal(around.text.split('\n')[0], '--- # second');
  assert.equal(around.text.split('\n').at(-1), '---');
  assert.equal(around.text.split('\n')[around.line], '  serviceName: ');
  assert.deepEqual(cursorContext(around.text, around.line, 15).path, ['spec', 'serviceName']);
});
