// The preview's overlay selector (Kustomize): "as written" or each overlay that deploys the StatefulSet, and one
// line when overlays are not rendered. Pure: PreviewOverlays (from the server) → escaped HTML; the webview script
// posts `{type: 'overlay', dir}` on change.
import type { PreviewOverlays } from '../../../server/src/protocol';
import { escapeHtml } from './renderPreviewHtml';

export function renderOverlaySelector(overlays: PreviewOverlays | undefined): string {
  if (!overlays) return '';
  const options = [
    `<option value=""${overlays.selected ? '' : ' selected'}>as written</option>`,
    ...overlays.choices.map((c) => {
      const label = c.error !== undefined ? `${c.name} (kustomize could not render it)` : c.name;
      const disabled = c.error !== undefined ? ' disabled' : '';
      return `<option value="${escapeHtml(c.dir)}"${overlays.selected === c.dir ? ' selected' : ''}${disabled}>${escapeHtml(label)}</option>`;
    }),
  ];
  const note = overlays.note ? ` <span class="muted overlay-note">${escapeHtml(overlays.note)}</span>` : '';
  const rendered = overlays.selected ? ` <span class="muted">rendered by Kustomize</span>` : '';
  return `<section class="overlays"><label for="overlay">Kustomize overlay</label> <select id="overlay" data-focus-key="overlay">${options.join('')}</select>${rendered}${note}</section>`;
}
