// Results kept across edits with their spans anchored to documents (spanAnchors.ts): resolved at the documents'
// new offsets after an edit moved them, given back as they are while nothing moved, dropped when a document
// they point into was re-parsed; parts without spans of the file are shared, not copied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManifestWorkspace } from '../../server/src/analysis/index';
import { anchorSpans, resolveAnchors } from '../../server/src/analysis/spanAnchors';

const uri = 'file:///anchors.yaml';
const text = 'a: 1\n---\nb: 2\n---\nc: 3\n';

function workspace(): ManifestWorkspace {
  const ws = new ManifestWorkspace();
  ws.setFile(uri, text);
  return ws;
}

/** A result of document 1 (`b: 2`) pointing into documents 1 and 2, another file, and holding no span at all. */
function result() {
  return {
    uri,
    own: { value: 2, span: { start: 12, end: 13 } },
    other: { uri, span: { start: 21, end: 22 } },
    elsewhere: { uri: 'file:///elsewhere.yaml', span: { start: 12, end: 13 } },
    names: ['b-0', 'b-1'],
    counts: [{ ordinal: 0 }, { ordinal: 1 }],
  };
}

test('a result is given back as it is while its documents stay where they were', () => {
  const ws = workspace();
  const value = result();
  const anchored = anchorSpans(value, ws.getFile(uri)!, 1)!;
  assert.equal(resolveAnchors(anchored, ws.getFile(uri)!), value);
  // An edit of document 0 that keeps its length moves nothing.
  ws.setFile(uri, text.replace('a: 1', 'a: 7'));
  assert.equal(resolveAnchors(anchored, ws.getFile(uri)!), value);
});

test('after an edit moved its documents, every span of the file is at its document\'s new offset', () => {
  const ws = workspace();
  const value = result();
  const anchored = anchorSpans(value, ws.getFile(uri)!, 1)!;
  // Three characters more in document 0: documents 1 and 2 (kept objects) move by 3.
  ws.setFile(uri, text.replace('a: 1', 'a: 1000'));
  assert.equal(ws.documentParseCount, 3 + 1);
  const moved = resolveAnchors(anchored, ws.getFile(uri)!)!;
  assert.deepEqual(moved, {
    uri,
    own: { value: 2, span: { start: 15, end: 16 } },
    other: { uri, span: { start: 24, end: 25 } },
    elsewhere: { uri: 'file:///elsewhere.yaml', span: { start: 12, end: 13 } },
    names: ['b-0', 'b-1'],
    counts: [{ ordinal: 0 }, { ordinal: 1 }],
  });
  assert.equal(ws.getFile(uri)!.text.slice(moved.own.span.start, moved.own.span.end), '2');
  assert.equal(ws.getFile(uri)!.text.slice(moved.other.span.start, moved.other.span.end), '3');
  // What holds no span of the file is shared with the original; the original is not changed.
  assert.equal(moved.names, value.names);
  assert.equal(moved.counts, value.counts);
  assert.equal(moved.elsewhere, value.elsewhere);
  assert.deepEqual(value.own.span, { start: 12, end: 13 });
  // Resolved again with nothing moved since: the same object.
  assert.equal(resolveAnchors(anchored, ws.getFile(uri)!), moved);
});

test('a result pointing into a re-parsed document is not reused', () => {
  const ws = workspace();
  const anchored = anchorSpans(result(), ws.getFile(uri)!, 1)!;
  // Document 2, which `other` points into, is parsed again (a new object).
  ws.setFile(uri, text.replace('c: 3', 'c: 4'));
  assert.equal(resolveAnchors(anchored, ws.getFile(uri)!), undefined);
});

test('a span across two documents cannot be anchored', () => {
  const ws = workspace();
  assert.equal(anchorSpans({ uri, span: { start: 0, end: 12 } }, ws.getFile(uri)!, 1), undefined);
});
