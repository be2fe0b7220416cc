// applyEdits (a text plus edits → the new text, refusing overlaps and out-of-range spans) and selectFixes
// (which of many fixes can be applied together), the pure core of `check --fix` and of the fix tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, editsConflict, selectFixes, sortEdits } from '../../server/src/analysis/applyEdits';
import type { Fix } from '../../server/src/analysis/model';

const edit = (start: number, end: number, newText: string) => ({ span: { start, end }, newText });

test('edits given in any order apply against the original text, each span meaning the text as it was', () => {
  const r = applyEdits('abcdefghij', [edit(8, 10, 'IJ'), edit(0, 1, 'A'), edit(4, 4, '+'), edit(5, 7, '')]);
  assert.deepEqual(r, { ok: true, text: 'Abcd+ehIJ' });
});

test('edits that only touch apply, and insertions at one offset keep the order they were given in', () => {
  assert.deepEqual(applyEdits('abc', [edit(1, 2, 'B'), edit(2, 2, '!'), edit(1, 1, '1'), edit(1, 1, '2')]), { ok: true, text: 'a12B!c' });
  assert.deepEqual(applyEdits('abc', []), { ok: true, text: 'abc' });
});

test('overlapping edits and an insertion inside a replaced range are refused, naming both spans', () => {
  assert.deepEqual(applyEdits('abcdef', [edit(1, 4, 'x'), edit(3, 5, 'y')]), { ok: false, problem: 'the edits of [1, 4) and [3, 5) overlap' });
  assert.deepEqual(applyEdits('abcdef', [edit(1, 4, 'x'), edit(2, 2, 'y')]), { ok: false, problem: 'the edits of [1, 4) and [2, 2) overlap' });
});

test('a span outside the text, or one that ends before it starts, is refused', () => {
  assert.deepEqual(applyEdits('abc', [edit(2, 4, 'x')]), { ok: false, problem: 'the edit of [2, 4) lies outside the text (length 3)' });
  assert.deepEqual(applyEdits('abc', [edit(2, 1, 'x')]), { ok: false, problem: 'the edit of [2, 1) lies outside the text (length 3)' });
  assert.deepEqual(applyEdits('abc', [edit(-1, 0, 'x')]), { ok: false, problem: 'the edit of [-1, 0) lies outside the text (length 3)' });
});

test('a byte order mark and CRLF line breaks outside the edited span come through unchanged', () => {
  const text = '\uFEFFa: 1\r\nb: Paralel\r\n';
  assert.deepEqual(applyEdits(text, [edit(10, 17, 'Parallel')]), { ok: true, text: '\uFEFFa: 1\r\nb: Parallel\r\n' });
});

test('sortEdits orders by start, then end, and is stable among equal spans', () => {
  const a = edit(3, 3, 'a');
  const b = edit(1, 5, 'b');
  const c = edit(3, 3, 'c');
  const d = edit(3, 4, 'd');
  assert.deepEqual(sortEdits([d, a, b, c]), [b, a, c, d]);
});

test('two insertions at one offset conflict across fixes but not within one fix; touching ranges never conflict', () => {
  assert.equal(editsConflict(edit(2, 2, 'x'), edit(2, 2, 'y')), true);
  assert.equal(editsConflict(edit(2, 2, 'x'), edit(2, 2, 'y'), true), false);
  assert.equal(editsConflict(edit(0, 2, 'x'), edit(2, 4, 'y')), false);
  assert.equal(editsConflict(edit(0, 2, 'x'), edit(2, 2, 'y')), false);
  assert.equal(editsConflict(edit(0, 3, 'x'), edit(2, 2, 'y')), true);
  assert.equal(editsConflict(edit(1, 3, 'x'), edit(2, 6, 'y')), true);
});

const fix = (title: string, ...edits: [string, number, number, string][]): { fix: Fix } => ({
  fix: { title, edits: edits.map(([uri, start, end, newText]) => ({ uri, span: { start, end }, newText })), isPreferred: true },
});

test('selectFixes takes fixes first come first served and skips one that overlaps a fix already taken', () => {
  const texts = new Map([['a.yaml', '0123456789'], ['b.yaml', 'abcdef']]);
  const first = fix("Change to 'X'", ['a.yaml', 2, 5, 'X']);
  const clash = fix("Change to 'Y'", ['a.yaml', 4, 6, 'Y']);
  const other = fix('Two files', ['b.yaml', 0, 1, 'A'], ['a.yaml', 7, 8, 'Z']);
  const sel = selectFixes([first, clash, other], (uri) => texts.get(uri));
  assert.deepEqual(sel.accepted, [first, other]);
  assert.deepEqual(sel.skipped, [{ candidate: clash, reason: `its edits of a.yaml overlap those of "Change to 'X'"` }]);
  assert.deepEqual([...sel.edits.keys()], ['a.yaml', 'b.yaml']);
  assert.deepEqual(sel.edits.get('a.yaml'), [first.fix.edits[0], other.fix.edits[1]]);
  assert.deepEqual(applyEdits(texts.get('a.yaml')!, sel.edits.get('a.yaml')!), { ok: true, text: '01X56Z89' });
});

test('a fix is taken whole or not at all: one edit into an unknown file skips all of its edits', () => {
  const texts = new Map([['a.yaml', '0123456789']]);
  const cross = fix('Make Service headless', ['a.yaml', 0, 1, 'x'], ['svc.yaml', 0, 0, 'clusterIP: None\n']);
  const sel = selectFixes([cross], (uri) => texts.get(uri));
  assert.deepEqual(sel.accepted, []);
  assert.deepEqual(sel.skipped, [{ candidate: cross, reason: 'it edits svc.yaml, which is not among the files read' }]);
  assert.equal(sel.edits.size, 0);
});

test('a fix repeating edits already taken (two findings, one correction) is accepted without a second edit', () => {
  const texts = new Map([['a.yaml', 'podManagementPolicy: Paralel']]);
  const one = fix("Change to 'Parallel'", ['a.yaml', 21, 28, 'Parallel']);
  const two = fix("Change to 'Parallel'", ['a.yaml', 21, 28, 'Parallel']);
  const sel = selectFixes([one, two], (uri) => texts.get(uri));
  assert.deepEqual(sel.accepted, [one, two]);
  assert.equal(sel.edits.get('a.yaml')?.length, 1);
});

test('a fix whose own edits overlap, or whose span lies outside its file, is skipped with the reason', () => {
  const texts = new Map([['a.yaml', '0123']]);
  const self = fix('Self', ['a.yaml', 0, 2, 'x'], ['a.yaml', 1, 3, 'y']);
  const outside = fix('Outside', ['a.yaml', 3, 9, 'x']);
  const empty: { fix: Fix } = { fix: { title: 'Empty', edits: [] } };
  const sel = selectFixes([self, outside, empty], (uri) => texts.get(uri));
  assert.deepEqual(
    sel.skipped.map((s) => s.reason),
    ['its own edits of a.yaml overlap', 'the edit of [3, 9) lies outside the text (length 4) of a.yaml', 'it has no edits'],
  );
});
