// Strings from a manifest in the preview: bidirectional formatting characters (which reorder text invisibly,
// so a name could read as another) are shown as their code points, in content, attributes and the panel title.
// And the script nonce comes from a cryptographic source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeNonce } from '../../client/src/preview/nonce';
import { escapeHtml, showBidiControls } from '../../client/src/preview/renderPreviewHtml';

test('every bidirectional formatting character is shown as its code point', () => {
  const controls = ['\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
  assert.equal(
    showBidiControls(`a${controls.join('')}b`),
    'a⟨U+061C⟩⟨U+200E⟩⟨U+200F⟩⟨U+202A⟩⟨U+202B⟩⟨U+202C⟩⟨U+202D⟩⟨U+202E⟩⟨U+2066⟩⟨U+2067⟩⟨U+2068⟩⟨U+2069⟩b',
  );
  assert.equal(showBidiControls('web-0 שלום 日本'), 'web-0 שלום 日本', 'right-to-left letters themselves stay');
});

test('escapeHtml makes a right-to-left override in a label or comment visible and still escapes markup', () => {
  // "app: admin" followed by an override that would show "txt.exe" as "exe.txt".
  assert.equal(escapeHtml('admin\u202Etxt.exe<b>'), 'admin⟨U+202E⟩txt.exe&lt;b&gt;');
  assert.equal(escapeHtml('"\u2066x\u2069"'), '&quot;⟨U+2066⟩x⟨U+2069⟩&quot;');
});

test('the webview nonce is 128 random bits in base64url, different every time', () => {
  const nonces = new Set(Array.from({ length: 1000 }, () => makeNonce()));
  assert.equal(nonces.size, 1000);
  for (const n of nonces) assert.match(n, /^[A-Za-z0-9_-]{22}$/);
});
