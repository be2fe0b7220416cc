// Pure rendering of the preview panel: PreviewModel (from the server) → HTML. No `vscode` import, no IO and no
// Kubernetes logic here: every name, order and decision comes from the model; this file only lays it out and
// escapes every string that came from a manifest.
import type { PreviewModel, PreviewPod, PreviewRange, PreviewRetentionAction, PreviewUpdateStatus } from '../../../server/src/protocol';
import { renderOverlaySelector } from './renderOverlaySelector';

/** The int32 range of `spec.replicas`: what the what-if control accepts (the API server rejects anything above). */
export const MAX_REPLICAS = 2147483647;

/** Runs of names longer than this are summarised as `first … last: N pods` with a way to expand. */
const MAX_CHIPS = 6;

/**
 * Bidirectional formatting characters (the embeddings, overrides and isolates, and the marks) reorder the text
 * around them without being seen, so a name or label could read as another one. They are shown as their code
 * point instead.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The text with every bidirectional formatting character replaced by a visible `⟨U+202E⟩`. */
export function showBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

/**
 * Escapes text for use in element content and in double- or single-quoted attribute values; bidirectional
 * formatting characters become visible (showBidiControls).
 */
export function escapeHtml(value: unknown): string {
  return showBidiControls(String(value))
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
  // The apply plan (refused changes first) comes right under the header; the what-if box before the issue
  // list, so a long list never pushes it out of view.
  return [
    renderHeader(model),
    renderApplyPlan(model),
    renderOverlaySelector(model.overlays),
    // The what-if control changes the manifest as written; an overlay's render has no such knob.
    model.overlays?.selected ? '' : renderWhatIf(model),
    renderProblems(model),
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

/** A name in a table cell: it may wrap after a dot (DNS labels) or a hyphen, never inside a word. */
function name(text: string): string {
  return `<code class="name">${escapeHtml(text).replace(/\./g, '.<wbr>')}</code>`;
}

function list(names: string[], empty = '—'): string {
  return names.length ? names.map(name).join(', ') : `<span class="muted">${escapeHtml(empty)}</span>`;
}

function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * Names as unbreakable chips: all of them when few; else `first … last` then `after` (the counts), and the
 * whole run behind a disclosure below.
 */
function chips(names: string[], total: number, last: string | undefined, separator: string, key: string, after = ''): string {
  if (total <= MAX_CHIPS) return names.map(code).join(separator) + after;
  const shown = names.length < total ? `the first ${names.length}` : `all ${total}`;
  return `${code(names[0] ?? '')} … ${code(last ?? names[names.length - 1] ?? '')}${after}<details class="chips" data-focus-key="${escapeHtml(key)}"><summary>Show ${shown}</summary><ul class="chips">${names
    .map((n) => `<li>${code(n)}</li>`)
    .join('')}</ul></details>`;
}

/** How a templated field reads: `from values .Values.replicas`, or the expression itself. */
function templatedText(model: PreviewModel, field: string): string | undefined {
  const t = model.templated?.find((f) => f.field === field);
  if (!t) return undefined;
  return t.values ? `<span class="templated">from values: ${code(t.values)}</span>` : `<span class="templated">templated: ${code(t.source)}</span>`;
}

/** A fact whose value is templated shows the expression and what the preview assumes instead. */
function assumed(model: PreviewModel, field: string, value: string | number): string {
  const t = templatedText(model, field);
  return t ? `${t} <span class="muted">(assumed ${escapeHtml(value)})</span>` : escapeHtml(value);
}

/** A fact whose written value the API server rejects. */
function invalidValue(model: PreviewModel, field: string): string | undefined {
  const v = model.invalid?.find((i) => i.field === field);
  return v ? `${code(v.value)} ${badge('error', 'invalid: rejected')}` : undefined;
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

function renderNotices(model: PreviewModel): string {
  const notices: string[] = [];
  if (model.template) {
    notices.push(`<p class="notice notice-template" role="note"><strong>Helm template — values not rendered.</strong> Fields written as ${code('{{ … }}')} are unknown until the chart is rendered (${code(
      'helm template',
    )}); what follows from them is shown with the defaults the preview assumes.</p>`);
  }
  if (model.invalid?.length) {
    const items = model.invalid
      .map((v) => `<li><a href="#" class="reveal" ${revealAttributes(model.uri, v.range)}>${escapeHtml(v.field)} ${code(v.value)}</a> is not ${v.allowed.map(code).join(' or ')}</li>`)
      .join('');
    notices.push(`<div class="notice notice-invalid" role="note"><strong>The API server rejects this StatefulSet:</strong><ul>${items}</ul>Nothing below is created until it is fixed; it shows what the defaults would give.</div>`);
  }
  return notices.join('\n');
}

function renderHeader(model: PreviewModel): string {
  let service: string;
  const templatedService = templatedText(model, 'serviceName');
  if (templatedService) {
    service = `serviceName ${templatedService} ${badge('info', 'unknown until rendered')} <span class="muted">no Service can be looked up, so the DNS names are unknown</span>`;
  } else if (model.serviceName === '') {
    service = `${badge('warn', 'no serviceName')} <span class="muted">pods get no DNS names</span>`;
  } else if (!model.service) {
    service = `serviceName ${code(model.serviceName)} ${badge('warn', `no Service in namespace ${model.namespace}`)}`;
  } else {
    const svc = model.service;
    service = `serviceName <a href="#" class="reveal" ${revealAttributes(svc.uri, svc.range)}>${code(svc.name)}</a> ${
      svc.headless ? badge('ok', 'headless Service') : badge('warn', 'Service is not headless')
    }`;
  }
  const partitionTemplated = templatedText(model, 'updateStrategy.rollingUpdate.partition');
  const partition = partitionTemplated
    ? ` (partition ${assumed(model, 'updateStrategy.rollingUpdate.partition', model.partition)})`
    : model.partition > 0 ? ` (partition ${escapeHtml(model.partition)})` : '';
  const strategy =
    invalidValue(model, 'updateStrategy.type') ??
    `${assumed(model, 'updateStrategy.type', model.updateStrategy)}${model.updateStrategy === 'RollingUpdate' ? partition : ''}`;
  const replicasTemplated = templatedText(model, 'replicas');
  const replicas =
    model.replicas !== model.declaredReplicas
      ? `${escapeHtml(model.replicas)} <span class="muted">(manifest: ${replicasTemplated ?? escapeHtml(model.declaredReplicas)})</span>`
      : assumed(model, 'replicas', model.replicas);
  const facts = [
    `<span><span class="label">replicas</span> ${replicas}</span>`,
    `<span><span class="label">pod management</span> ${invalidValue(model, 'podManagementPolicy') ?? assumed(model, 'podManagementPolicy', model.podManagementPolicy)}</span>`,
    `<span><span class="label">update strategy</span> ${strategy}</span>`,
    `<span><span class="label">first ordinal</span> ${assumed(model, 'ordinals.start', model.startOrdinal)}</span>`,
  ];
  if (model.serviceDns) facts.push(`<span><span class="label">Service DNS</span> ${code(model.serviceDns)}</span>`);
  return `<header class="header">
<h1><a href="#" class="reveal" ${revealAttributes(model.uri, model.nameRange)} title="Reveal in editor"><span class="namespace">${escapeHtml(
    model.namespace,
  )}</span><span class="separator">/</span><span class="name">${escapeHtml(model.name)}</span></a> <span class="kind">StatefulSet</span></h1>
${renderNotices(model)}
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
  // The summary takes the colour of the most severe item: "2 info" is not a warning.
  const worst = order.find((s) => counts.has(s)) ?? 'information';
  return `<section class="problems" aria-label="Problems">
<details${worst === 'error' ? ' open' : ''}><summary class="summary-${worst}" data-focus-key="problems">${escapeHtml(summary)}</summary><ul>${items}</ul></details>
</section>`;
}

const PLAN_BADGES: Record<string, { kind: 'error' | 'warn' | 'info'; text: string }> = {
  error: { kind: 'error', text: 'refused' },
  warning: { kind: 'warn', text: 'warning' },
  information: { kind: 'info', text: 'apply' },
  hint: { kind: 'info', text: 'apply' },
};

/**
 * The "Apply plan (against HEAD)" section: what kubectl apply does to the StatefulSet running as the git
 * baseline, one numbered step per change (the server puts refused changes first), each revealing its field;
 * or the one line why there is no plan. Nothing when the baseline is off.
 */
function renderApplyPlan(model: PreviewModel): string {
  const plan = model.plan;
  if (!plan) return '';
  const commit = plan.commit ? ` <span class="muted">${escapeHtml(plan.commit.slice(0, 12))}</span>` : '';
  const note = plan.note ? `<p class="plan-note">${escapeHtml(plan.note)}</p>` : '';
  const steps = plan.steps
    .map((step) => {
      const b = PLAN_BADGES[step.severity] ?? PLAN_BADGES.information;
      return `<li class="plan-step plan-${escapeHtml(step.kind)}"><a href="#" class="reveal" ${revealAttributes(model.uri, step.range)}>${badge(b.kind, b.text)} <span class="plan-summary">${escapeHtml(step.summary)}</span></a>
<p class="plan-detail">${escapeHtml(step.message)} <span class="muted">${escapeHtml(step.ruleId)}</span></p></li>`;
    })
    .join('\n');
  return `<section class="plan" aria-labelledby="plan-title">
<h2 id="plan-title">${escapeHtml(plan.title)}${commit}</h2>
${note}${steps ? `<ol class="plan-steps">\n${steps}\n</ol>` : ''}
</section>`;
}

function renderWhatIf(model: PreviewModel): string {
  const w = model.whatIf;
  let outcome = `<p class="muted">Change the number to see which pods a scale would create or remove, in order, and what happens to their volumes.</p>`;
  if (w) {
    const lines: string[] = [];
    if (w.createdCount) {
      const totals = w.createdCount > MAX_CHIPS ? `: ${countOf(w.createdCount, 'pod')}, ${countOf(w.createdPvcCount, 'PVC')}` : '';
      lines.push(`<li>${badge('added', 'creates')} ${chips(w.created, w.createdCount, w.createdLast, ' → ', 'whatif-created', totals)}</li>`);
    }
    if (w.removedCount) {
      const totals = w.removedCount > MAX_CHIPS ? `: ${countOf(w.removedCount, 'pod')}` : '';
      lines.push(`<li>${badge('removed', 'removes')} ${chips(w.removed, w.removedCount, w.removedLast, ' → ', 'whatif-removed', totals)}</li>`);
    }
    if (w.removedPvcCount > MAX_CHIPS) {
      // Every PVC of a removed pod follows the same whenScaled policy.
      const action = w.pvcs[0]?.action ?? model.retention.whenScaled;
      lines.push(`<li>${retentionBadge(action)} ${chips(w.pvcs.map((p) => p.pvc), w.removedPvcCount, undefined, ', ', 'whatif-pvcs', `: ${countOf(w.removedPvcCount, 'PVC')} (whenScaled: ${escapeHtml(action)})`)}</li>`);
    } else {
      for (const p of w.pvcs) lines.push(`<li>${retentionBadge(p.action)} ${code(p.pvc)}</li>`);
    }
    if (!lines.length) lines.push(`<li class="muted">No pods change.</li>`);
    outcome = `<p>Scaling from ${escapeHtml(w.from)} to ${escapeHtml(w.to)}:</p><ul class="whatif-outcome">${lines.join('')}</ul>`;
  }
  return `<section class="whatif" aria-labelledby="whatif-title">
<h2 id="whatif-title">What if</h2>
<div class="whatif-controls">
<label for="replicas">replicas</label>
<input id="replicas" data-focus-key="replicas" type="number" min="0" max="${MAX_REPLICAS}" step="1" value="${escapeHtml(model.replicas)}" aria-describedby="replicas-error">
<button id="reset-replicas" data-focus-key="reset" type="button"${w ? '' : ' disabled'}>Reset to ${escapeHtml(model.declaredReplicas)}</button>
</div>
<p id="replicas-error" class="whatif-error" hidden>Not a valid replicas value: the API server accepts a whole number from 0 to ${MAX_REPLICAS}.</p>
<div id="whatif-outcome" role="status">${outcome}</div>
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
<th scope="row">${name(pod.name)}${change}</th>
<td>${pod.dns ? name(pod.dns) : templatedText(model, 'serviceName') ? '<span class="muted">unknown until rendered</span>' : '<span class="muted">none</span>'}</td>
<td>${list(pod.pvcs)}</td>
<td class="num">${escapeHtml(pod.startStep)}</td>
<td>${escapeHtml(UPDATE_LABELS[pod.update] ?? pod.update)}</td>
</tr>`;
}

function renderPods(model: PreviewModel): string {
  const rows = model.pods.map((pod) => renderPodRow(model, pod)).join('\n');
  const replicas = model.templated?.find((t) => t.field === 'replicas');
  const caption = replicas
    ? `<p class="assumption">With replicas = ${escapeHtml(model.replicas)} (assumed: ${code(replicas.values ?? replicas.source)} is not rendered).</p>`
    : '';
  return `<section aria-labelledby="pods-title">
<h2 id="pods-title">Pods</h2>
${caption}<div class="table-scroll"><table class="grid" data-grid>
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
<th scope="row">${name(s.record)}</th><td>${escapeHtml(s.portName)}</td><td>${escapeHtml(s.protocol)}</td><td class="num">${
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
<th scope="row">${name(c.name)}</th><td>${c.storage ? escapeHtml(c.storage) : '<span class="muted">—</span>'}</td><td>${
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
<p><span class="label">whenScaled</span> ${invalidValue(model, 'persistentVolumeClaimRetentionPolicy.whenScaled') ?? escapeHtml(r.whenScaled)} · <span class="label">whenDeleted</span> ${
    invalidValue(model, 'persistentVolumeClaimRetentionPolicy.whenDeleted') ?? escapeHtml(r.whenDeleted)
  }</p>
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
  // Orders follow from the policies: say so when those are assumed (templated) or never apply (invalid).
  const notes: string[] = [];
  for (const [field, value] of [['podManagementPolicy', model.podManagementPolicy], ['updateStrategy.type', model.updateStrategy]] as const) {
    if (model.invalid?.some((i) => i.field === field)) notes.push(`${escapeHtml(field)} is invalid: shown as ${code(value)}, which the API server does not apply`);
    else if (templatedText(model, field)) notes.push(`${escapeHtml(field)} is templated: assumed ${code(value)}`);
  }
  return `<section aria-labelledby="order-title">
<h2 id="order-title">Order</h2>
${notes.length ? `<p class="assumption">${notes.join('; ')}.</p>` : ''}
<dl class="orders">${rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>
</section>`;
}
