// The preview's Kustomize overlay selector: "as written" and each overlay, the selected one marked, failed
// overlays disabled with the reason, the one-line note, and every string from the workspace escaped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderOverlaySelector } from '../../client/src/preview/renderOverlaySelector';

test('no overlays: no selector at all', () => {
  assert.equal(renderOverlaySelector(undefined), '');
});

test('the selector lists as written and each overlay, marks the selected one and disables a failed one', () => {
  const html = renderOverlaySelector({
    choices: [{ dir: 'file:///w/overlays/prod', name: 'prod' }, { dir: 'file:///w/overlays/broken', name: 'broken', error: 'accumulating resources: …' }],
    selected: 'file:///w/overlays/prod',
  });
  assert.equal(
    html,
    '<section class="overlays"><label for="overlay">Kustomize overlay</label> <select id="overlay" data-focus-key="overlay">' +
      '<option value="">as written</option>' +
      '<option value="file:///w/overlays/prod" selected>prod</option>' +
      '<option value="file:///w/overlays/broken" disabled>broken (kustomize could not render it)</option>' +
      '</select> <span class="muted">rendered by Kustomize</span></section>',
  );
});

test('the note says why overlays are not shown, and folder names are escaped', () => {
  const html = renderOverlaySelector({ choices: [{ dir: 'file:///w/"><script>x</script>', name: '<b>x</b>' }], note: 'Kustomize overlays are not rendered in an untrusted workspace: trust it to see what each overlay deploys.' });
  assert.ok(html.includes('<option value="" selected>as written</option>'));
  assert.ok(html.includes('<option value="file:///w/&quot;&gt;&lt;script&gt;x&lt;/script&gt;">&lt;b&gt;x&lt;/b&gt;</option>'));
  assert.ok(html.endsWith(' <span class="muted overlay-note">Kustomize overlays are not rendered in an untrusted workspace: trust it to see what each overlay deploys.</span></section>'));
  assert.ok(!html.includes('<script>'));
});
