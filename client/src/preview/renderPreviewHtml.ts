// Pure rendering of the preview panel: PreviewModel (from the server) → HTML. No `vscode` import, no IO and no
// Kubernetes logic here: every name, order and decision comes from the model; this file only lays it out and
// escapes every string that came from a manifest.
import type { PreviewModel, PreviewPod, PreviewRange, PreviewRetentionAction, PreviewUpdateStatus } from '../../../server/src/protocol';
import { renderOverlaySelector } from './renderOverlaySelector';

/** Escapes text for use in element content and in double- or single-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The strict policy: nothing inline except our nonce'd script, nothing from anywhere but the extension's media. */
export function contentSecurityPolicy(nonce: string, cspSource: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * The whole webview document. `model` undefined shows `message` instead (no StatefulSet, server not ready).
 * `nonce` must be fresh per load; `cspSource`, `scriptUri` and `styleUri` come from the webview.
 */
export function renderPreviewHtml(
  model: PreviewModel | undefined,
  nonce: string,
  cspSource: string,
  scriptUri: string,
  styleUri: string,
  message = 'Loading…',
): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(nonce, cspSource))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(styleUri)}">
<title>${model ? `StatefulSet ${escapeHtml(model.name)}` : 'StatefulSet Preview'}</title>
</head>
<body>
<main id="preview" aria-live="polite">
${renderPreviewBody(model, message)}
</main>
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>
`;
}

/** The content of `<main>`, also posted to the live webview on updates so focus and scroll survive. */
export function renderPreviewBody(model: PreviewModel | undefined, message = 'Loading…'): string {
  if (!model) return `<p class="empty">${escapeHtml(message)}</p>`;
  return [
    renderHeader(model),
    renderOverlaySelector(model.overlays),
    renderProblems(model),
    // The what-if control changes the manifest as written; an overlay's render has no such knob.
    model.overlays?.selected ? '' : renderWhatIf(model),
    renderPods(model),
    renderSrvRecords(model),
    renderClaims(model),
    renderRetention(model),
    renderOrders(model),
  ]
    .filter((part) => part !== '')
    .join('\n');
}

/** Attributes that let the webview script ask the extension to reveal a source range. */
function revealAttributes(uri: string, range: PreviewRange): string {
  const r = range;
  return `data-uri="${escapeHtml(uri)}" data-range="${[r.start.line, r.start.character, r.end.line, r.end.character].map(Number).join(':')}"`;
}

function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`;
}

function list(names: string[], empty = '—'): string {
  return names.length ? names.map(code).join(', ') : `<span class="muted">${escapeHtml(empty)}</span>`;
}

function badge(kind: 'ok' | 'warn' | 'error' | 'info' | 'added' | 'removed', text: string): string {
  return `<span class="badge badge-${kind}">${escapeHtml(text)}</span>`;
}

function retentionText(action: PreviewRetentionAction): string {
  return action === 'Retain' ? 'kept' : 'deleted';
}

function retentionBadge(action: PreviewRetentionAction): string {
  return badge(action === 'Retain' ? 'ok' : 'warn', retentionText(action));
}

function renderHeader(model: PreviewModel): string {
  let service: string;
  if (model.serviceName === '') {
    service = `${badge('warn', 'no serviceName')} <span class="muted">pods get no DNS names</span>`;
  } else if (!model.service) {
    service = `serviceName ${code(model.serviceName)} ${badge('warn', `no Service in namespace ${model.namespace}`)}`;
  } else {
    const svc = model.service;
    service = `serviceName <a href="#" class="reveal" ${revealAttributes(svc.uri, svc.range)}>${code(svc.name)}</a> ${
      svc.headless ? badge('ok', 'headless Service') : badge('warn', 'Service is not headless')
    }`;
  }
  const strategy =
    model.updateStrategy === 'RollingUpdate'
      ? `RollingUpdate${model.partition > 0 ? ` (partition ${escapeHtml(model.partition)})` : ''}`
      : 'OnDelete';
  const facts = [
    `<span><span class="label">replicas</span> ${escapeHtml(model.replicas)}${
      model.replicas !== model.declaredReplicas ? ` <span class="muted">(manifest: ${escapeHtml(model.declaredReplicas)})</span>` : ''
    }</span>`,
    `<span><span class="label">pod management</span> ${escapeHtml(model.podManagementPolicy)}</span>`,
    `<span><span class="label">update strategy</span> ${escapeHtml(strategy)}</span>`,
    `<span><span class="label">first ordinal</span> ${escapeHtml(model.startOrdinal)}</span>`,
  ];
  if (model.serviceDns) facts.push(`<span><span class="label">Service DNS</span> ${code(model.serviceDns)}</span>`);
  return `<header class="header">
<h1><a href="#" class="reveal" ${revealAttributes(model.uri, model.nameRange)} title="Reveal in editor"><span class="namespace">${escapeHtml(
    model.namespace,
  )}</span><span class="separator">/</span><span class="name">${escapeHtml(model.name)}</span></a> <span class="kind">StatefulSet</span></h1>
<p class="service">${service}</p>
<p class="facts">${facts.join('')}</p>
</header>`;
}

function renderProblems(model: PreviewModel): string {
  if (model.problems.length === 0) return '';
  const counts = new Map<string, number>();
  for (const p of model.problems) counts.set(p.severity, (counts.get(p.severity) ?? 0) + 1);
  const order = ['error', 'warning', 'information', 'hint'] as const;
  const summary = order
    .filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${s === 'information' ? 'info' : s}${counts.get(s)! > 1 && s !== 'information' ? 's' : ''}`)
    .join(', ');
  const items = model.problems
    .map(
      (p) =>
        `<li><a href="#" class="reveal problem problem-${escapeHtml(p.severity)}" ${revealAttributes(model.uri, p.range)}>${badge(
          p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warn' : 'info',
          p.severity,
        )} ${escapeHtml(p.message)} <span class="muted">${escapeHtml(p.ruleId)}</span></a></li>`,
    )
    .join('');
  return `<section class="problems" aria-label="Problems">
<details${model.problems.some((p) => p.severity === 'error') ? ' open' : ''}><summary>${escapeHtml(summary)}</summary><ul>${items}</ul></details>
</section>`;
}

function renderWhatIf(model: PreviewModel): string {
  const w = model.whatIf;
  let outcome = `<p class="muted">Change the number to see which pods a scale would create or remove, in order, and what happens to their volumes.</p>`;
  if (w) {
    const lines: string[] = [];
    if (w.created.length) lines.push(`<li>${badge('added', 'creates')} ${w.created.map(code).join(' → ')}</li>`);
    if (w.removed.length) lines.push(`<li>${badge('removed', 'removes')} ${w.removed.map(code).join(' → ')}</li>`);
    for (const p of w.pvcs) lines.push(`<li>${retentionBadge(p.action)} ${code(p.pvc)}</li>`);
    if (!lines.length) lines.push(`<li class="muted">No pods change.</li>`);
    outcome = `<p>Scaling from ${escapeHtml(w.from)} to ${escapeHtml(w.to)}:</p><ul class="whatif-outcome">${lines.join('')}</ul>`;
  }
  return `<section class="whatif" aria-labelledby="whatif-title">
<h2 id="whatif-title">What if</h2>
<div class="whatif-controls">
<label for="replicas">replicas</label>
<input id="replicas" data-focus-key="replicas" type="number" min="0" max="10000" step="1" value="${escapeHtml(model.replicas)}">
<button id="reset-replicas" data-focus-key="reset" type="button"${w ? '' : ' disabled'}>Reset to ${escapeHtml(model.declaredReplicas)}</button>
</div>
<div role="status">${outcome}</div>
</section>`;
}

const UPDATE_LABELS: Record<PreviewUpdateStatus, string> = {
  updated: 'rolls out',
  kept: 'kept (partition)',
  'on-delete': 'on delete',
};

function renderPodRow(model: PreviewModel, pod: PreviewPod): string {
  const change = pod.change === 'added' ? ` ${badge('added', 'new')}` : pod.change === 'removed' ? ` ${badge('removed', 'removed')}` : '';
  return `<tr class="row${pod.change ? ` change-${pod.change}` : ''}" tabindex="0" data-focus-key="pod-${escapeHtml(pod.name)}" ${revealAttributes(model.uri, model.nameRange)}>
<td class="num">${escapeHtml(pod.ordinal)}</td>
<th scope="row">${code(pod.name)}${change}</th>
<td>${pod.dns ? code(pod.dns) : '<span class="muted">none</span>'}</td>
<td>${list(pod.pvcs)}</td>
<td class="num">${escapeHtml(pod.startStep)}</td>
<td>${escapeHtml(UPDATE_LABELS[pod.update] ?? pod.update)}</td>
</tr>`;
}

function renderPods(model: PreviewModel): string {
  const rows = model.pods.map((pod) => renderPodRow(model, pod)).join('\n');
  return `<section aria-labelledby="pods-title">
<h2 id="pods-title">Pods</h2>
<div class="table-scroll"><table class="grid" data-grid>
<thead><tr><th scope="col" class="num">Ordinal</th><th scope="col">Pod</th><th scope="col">DNS name</th><th scope="col">PVCs</th><th scope="col" class="num">Start</th><th scope="col">Update</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="6" class="muted">No pods (replicas is 0).</td></tr>'}
</tbody>
</table></div>
</section>`;
}

function renderSrvRecords(model: PreviewModel): string {
  if (model.srvRecords.length === 0) return '';
  const rows = model.srvRecords
    .map(
      (s) => `<tr class="row" tabindex="0" data-focus-key="srv-${escapeHtml(s.record)}"${
        model.service ? ` ${revealAttributes(model.service.uri, model.service.range)}` : ''
      }>
<th scope="row">${code(s.record)}</th><td>${escapeHtml(s.portName)}</td><td>${escapeHtml(s.protocol)}</td><td class="num">${
        s.port === undefined ? '' : escapeHtml(s.port)
      }</td></tr>`,
    )
    .join('\n');
  return `<section aria-labelledby="srv-title">
<h2 id="srv-title">SRV records</h2>
<div class="table-scroll"><table class="grid" data-grid>
<thead><tr><th scope="col">Record</th><th scope="col">Port name</th><th scope="col">Protocol</th><th scope="col" class="num">Port</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
</section>`;
}

function renderClaims(model: PreviewModel): string {
  if (model.claimTemplates.length === 0) return '';
  const rows = model.claimTemplates
    .map(
      (c) => `<tr class="row" tabindex="0" data-focus-key="claim-${escapeHtml(c.name)}" ${revealAttributes(model.uri, c.range)}>
<th scope="row">${code(c.name)}</th><td>${c.storage ? escapeHtml(c.storage) : '<span class="muted">—</span>'}</td><td>${
        c.accessModes.length ? escapeHtml(c.accessModes.join(', ')) : '<span class="muted">—</span>'
      }</td><td>${c.storageClassName !== undefined ? escapeHtml(c.storageClassName) : '<span class="muted" title="No storageClassName: the cluster\'s default StorageClass is used">cluster default</span>'}</td><td>${list(c.pvcs)}</td></tr>`,
    )
    .join('\n');
  return `<section aria-labelledby="claims-title">
<h2 id="claims-title">Volume claim templates</h2>
<div class="table-scroll"><table class="grid" data-grid>
<thead><tr><th scope="col">Template</th><th scope="col">Size</th><th scope="col">Access modes</th><th scope="col">Storage class</th><th scope="col">PVCs</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
</section>`;
}

function renderRetention(model: PreviewModel): string {
  if (model.claimTemplates.length === 0) return '';
  const r = model.retention;
  const scaleDown = r.onScaleDown.pod
    ? `<li>Scaling down by one removes ${code(r.onScaleDown.pod)}: ${
        r.onScaleDown.pvcs.map((p) => `${code(p.pvc)} ${retentionBadge(p.action)}`).join(', ') || '<span class="muted">no PVCs</span>'
      }</li>`
    : `<li class="muted">No pod to scale down.</li>`;
  const onDelete = r.onDelete.length
    ? `<li>Deleting the StatefulSet: ${r.onDelete.map((p) => `${code(p.pvc)} ${retentionBadge(p.action)}`).join(', ')}</li>`
    : '';
  return `<section aria-labelledby="retention-title">
<h2 id="retention-title">PVC retention</h2>
<p><span class="label">whenScaled</span> ${escapeHtml(r.whenScaled)} · <span class="label">whenDeleted</span> ${escapeHtml(r.whenDeleted)}</p>
<ul class="plain">${scaleDown}${onDelete}</ul>
</section>`;
}

function renderSteps(steps: string[][]): string {
  if (steps.length === 0) return '<span class="muted">—</span>';
  return steps.map((step) => step.map(code).join(' + ')).join(' → ');
}

function renderOrders(model: PreviewModel): string {
  const rows = [
    ['Start', renderSteps(model.startOrder)],
    ['Scale down', renderSteps(model.scaleDownOrder)],
    ['Rolling update', model.updateOrder.length ? model.updateOrder.map(code).join(' → ') : '<span class="muted">—</span>'],
  ];
  if (model.keptRevision.length) rows.push(['Kept on the old revision', list(model.keptRevision)]);
  return `<section aria-labelledby="order-title">
<h2 id="order-title">Order</h2>
<dl class="orders">${rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>
</section>`;
}
