// The --fix-dry-run preview: unified diffs built from fix edits, numbered and grouped as GNU `diff -U3` prints
// them (checked against it while writing), line breaks not shown, a missing final one marked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unifiedDiff } from '../../server/src/cli/unifiedDiff';

const numbered = (n: number, eol = '\n') => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join(eol) + eol;
/** The span of `needle` in `text` (first occurrence). */
const at = (text: string, needle: string) => {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, needle);
  return { start, end: start + needle.length };
};

test('one replaced value gives one hunk with three lines of context each side', () => {
  const text = numbered(10);
  assert.equal(
    unifiedDiff('k8s/sts.yaml', text, [{ span: at(text, 'line 5'), newText: 'LINE 5' }]),
    ['--- k8s/sts.yaml', '+++ k8s/sts.yaml', '@@ -2,7 +2,7 @@', ' line 2', ' line 3', ' line 4', '-line 5', '+LINE 5', ' line 6', ' line 7', ' line 8', ''].join('\n'),
  );
});

test('changes far apart are separate hunks, the second numbered after the lines the first added', () => {
  const text = numbered(20);
  const diff = unifiedDiff('f.yaml', text, [
    { span: { start: at(text, 'line 2\n').start, end: at(text, 'line 2\n').start }, newText: '# added\n' },
    { span: at(text, 'line 18\n'), newText: '' },
  ]);
  assert.equal(
    diff,
    [
      '--- f.yaml', '+++ f.yaml',
      '@@ -1,4 +1,5 @@', ' line 1', '+# added', ' line 2', ' line 3', ' line 4',
      '@@ -15,6 +16,5 @@', ' line 15', ' line 16', ' line 17', '-line 18', ' line 19', ' line 20', '',
    ].join('\n'),
  );
});

test('changes within six lines of each other share a hunk', () => {
  const text = numbered(12);
  const diff = unifiedDiff('f.yaml', text, [
    { span: at(text, 'line 3'), newText: 'three' },
    { span: at(text, 'line 9'), newText: 'nine' },
  ]);
  assert.equal(diff.split('\n').filter((l) => l.startsWith('@@')).join('|'), '@@ -1,12 +1,12 @@');
});

test('CRLF line breaks are not shown and a last line without a break is marked as diff does', () => {
  const text = 'a: 1\r\nb: Paralel';
  assert.equal(
    unifiedDiff('crlf.yaml', text, [{ span: at(text, 'Paralel'), newText: 'Parallel' }]),
    ['--- crlf.yaml', '+++ crlf.yaml', '@@ -1,2 +1,2 @@', ' a: 1', '-b: Paralel', '\\ No newline at end of file', '+b: Parallel', '\\ No newline at end of file', ''].join('\n'),
  );
});

test('a document appended after a last line without a break shows that line gaining one', () => {
  const text = 'kind: StatefulSet';
  assert.equal(
    unifiedDiff('f.yaml', text, [{ span: { start: text.length, end: text.length }, newText: '\n---\nkind: Service' }]),
    ['--- f.yaml', '+++ f.yaml', '@@ -1 +1,3 @@', '-kind: StatefulSet', '\\ No newline at end of file', '+kind: StatefulSet', '+---', '+kind: Service', '\\ No newline at end of file', ''].join('\n'),
  );
});

test('lines added to an empty file are numbered from 0,0', () => {
  assert.equal(unifiedDiff('e.yaml', '', [{ span: { start: 0, end: 0 }, newText: 'a: 1\n' }]), ['--- e.yaml', '+++ e.yaml', '@@ -0,0 +1 @@', '+a: 1', ''].join('\n'));
});

test('edits that change nothing give no diff at all', () => {
  const text = numbered(3);
  assert.equal(unifiedDiff('f.yaml', text, []), '');
  assert.equal(unifiedDiff('f.yaml', text, [{ span: at(text, 'line 2'), newText: 'line 2' }]), '');
});

test('lone CR line breaks count as line breaks, as the analysis counts them', () => {
  const text = 'a: 1\rb: Paralel\rc: 3\r';
  assert.equal(
    unifiedDiff('cr.yaml', text, [{ span: at(text, 'Paralel'), newText: 'Parallel' }]),
    ['--- cr.yaml', '+++ cr.yaml', '@@ -1,3 +1,3 @@', ' a: 1', '-b: Paralel', '+b: Parallel', ' c: 3', ''].join('\n'),
  );
});
